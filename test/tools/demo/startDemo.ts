// `npm start`: the packaged extension in code-server with a sample workspace, ready to try in a browser.
// Without NOTION_TOKEN in the environment it runs against the local Notion emulator; with it, against real Notion
// (or NOTION_API_BASE). Everything stops on Ctrl-C.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { start, type Emulator } from '../../emulator/index';
import { startCodeServer, type CodeServer } from '../../vscode/launch/codeServer';
import { packageVsix } from '../../vscode/launch/packageVsix';
import { projectRoot } from '../../vscode/launch/paths';
import { createSampleWorkspace } from '../../vscode/launch/sampleWorkspace';

const DEMO_TOKEN = 'ntn_demo_token_for_the_local_emulator';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '8080' } } });
  const port = Number(values.port);
  const demoDir = join(projectRoot, '.cache', 'demo');
  const workspaceFolder = join(demoDir, 'workspace');
  if (!existsSync(workspaceFolder)) createSampleWorkspace(workspaceFolder);
  mkdirSync(demoDir, { recursive: true });

  const vsix = packageVsix();
  const realNotion = Boolean(process.env.NOTION_TOKEN);
  let emulator: Emulator | undefined;
  if (!realNotion) emulator = await start({ token: DEMO_TOKEN, pageTitle: 'Uploads from VS Code' });
  const apiBase = emulator?.url ?? process.env.NOTION_API_BASE ?? 'https://api.notion.com';

  let codeServer: CodeServer | undefined;
  const stop = async (): Promise<void> => {
    await codeServer?.stop();
    await emulator?.stop();
  };
  process.once('SIGINT', () => void stop().finally(() => process.exit(0)));
  process.once('SIGTERM', () => void stop().finally(() => process.exit(0)));

  codeServer = await startCodeServer({
    scratchDir: join(demoDir, 'code-server'),
    workspaceFolder,
    port,
    machineSettings: { 'notionUpload.apiBaseUrl': apiBase },
    userSettings: emulator ? { 'notionUpload.targetPage': emulator.pageId } : {},
    extensionsToInstall: [vsix],
  });

  console.log('');
  console.log(`Open ${codeServer.workbenchUrl()} in a browser.`);
  if (emulator) {
    console.log(`Notion: the local emulator at ${emulator.url} (no real Notion configured).`);
    console.log(`  Run "Notion: Set Notion Token" and paste: ${DEMO_TOKEN}`);
    console.log(`  Target page (already set): ${emulator.pageId}`);
  } else {
    console.log(`Notion: ${apiBase}. Run "Notion: Set Notion Token" and paste your integration's token.`);
  }
  console.log('Right-click a file in the Explorer and choose "Upload to Notion". Ctrl-C stops everything.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
