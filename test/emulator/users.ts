// GET /v1/users/me: for an integration's secret the bot user, carrying the workspace's per-file upload limit; for a
// personal access token the person it belongs to, with no workspace limits (the SDK's PersonUserObjectResponse).
import type { Handler } from './context';

export const retrieveBotUser: Handler = async (context, workspace) => {
  if (context.caller.kind === 'pat') {
    return {
      body: {
        object: 'user',
        id: context.caller.botId,
        name: 'Emulated Person',
        avatar_url: null,
        type: 'person',
        person: { email: 'person@example.com' },
      },
    };
  }
  return {
    body: {
      object: 'user',
      id: context.caller.botId,
      name: 'Notion Emulator',
      avatar_url: null,
      type: 'bot',
      bot: {
        owner: { type: 'workspace', workspace: true },
        workspace_name: 'Emulated Workspace',
        workspace_id: workspace.state.workspaceId,
        workspace_limits: { max_file_upload_size_in_bytes: workspace.maxFileSize(context.caller) },
      },
    },
  };
};
