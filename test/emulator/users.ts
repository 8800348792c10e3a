// GET /v1/users/me: the bot user, carrying the workspace's per-file upload limit.
import type { Handler } from './context';

export const retrieveBotUser: Handler = async (context, workspace) => ({
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
});
