// `npm start`: the packaged extension in code-server with a sample workspace, ready to try in a browser.
// Without NOTION_TOKEN in the environment it runs against the local Notion emulator; with it, against real Notion
// (or NOTION_API_BASE). Each run has its own scratch folder (code-server's user data, the sample workspace) and port,
// so a second `npm start` leaves the first alone. Everything it started stops on Ctrl-C.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { start, type Emulator } from '../../emulator/index';
import { startCodeServer, type CodeServer } from '../../vscode/launch/codeServer';
import { packageVsix } from '../../vscode/launch/packageVsix';
import { projectRoot } from '../../vscode/launch/paths';
import { createSampleWorkspace } from '../../vscode/launch/sampleWorkspace';
import { chooseDemoPort, DemoPortError } from './demoPort';

const DEMO_TOKEN = 'ntn_demo_token_for_the_local_emulator';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' } } });
  const { port, note } = await chooseDemoPort(values.port);
  mkdirSync(join(projectRoot, '.cache', 'demo'), { recursive: true });
  const demoDir = mkdtempSync(join(projectRoot, '.cache', 'demo', 'run-'));
  const workspaceFolder = join(demoDir, 'workspace');
  createSampleWorkspace(workspaceFolder);
  // Something to try Publish to Notion on: a Markdown page with an image of the sample workspace.
  writeFileSync(join(workspaceFolder, 'README.md'), [
    '---', 'title: Sample notes', '---', '', 'A page made from this Markdown file by **Publish to Notion**.', '',
    '![A diagram](docs/notes/diagram.svg)', '', '- a list item', '- another, with `code`', '',
  ].join('\n'));

  const vsix = packageVsix();
  const realNotion = Boolean(process.env.NOTION_TOKEN);
  let emulator: Emulator | undefined;
  if (!realNotion) emulator = await start({ token: DEMO_TOKEN, pageTitle: 'Uploads from VS Code' });
  const apiBase = emulator?.url ?? process.env.NOTION_API_BASE ?? 'https://api.notion.com';

  let codeServer: CodeServer | undefined;
  const stop = async (): Promise<void> => {
    const stopped: string[] = [];
    if (codeServer) {
      await codeServer.stop();
      stopped.push(`code-server on port ${codeServer.port}`);
    }
    if (emulator) {
      await emulator.stop();
      stopped.push(`the Notion emulator at ${emulator.url}`);
    }
    rmSync(demoDir, { recursive: true, force: true });
    stopped.push(`removed this run's scratch folder ${relative(projectRoot, demoDir)}`);
    console.log(`\nStopped ${stopped.join('; ')}.`);
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
  if (note) console.log(note);
  console.log(`Started code-server on port ${port}${emulator ? ` and the Notion emulator at ${emulator.url}` : ''}; this run's user data and workspace are in ${relative(projectRoot, demoDir)}.`);
  console.log(`Open ${codeServer.workbenchUrl()} in a browser.`);
  if (emulator) {
    console.log(`Notion: the local emulator at ${emulator.url} (no real Notion configured).`);
    console.log(`  Run "Notion: Set Notion Token" and paste: ${DEMO_TOKEN}`);
    console.log(`  Target page (already set): ${emulator.pageId}`);
    // "Open in Notion" leads to notion.so, where the emulator's pages do not exist: what arrived is seen here.
    console.log(`  What arrived on it (blocks, with each upload's sha256 under ${emulator.url}/__emulator/uploads): ${emulator.url}/__emulator/pages/${emulator.pageId}/blocks`);
  } else {
    console.log(`Notion: ${apiBase}. Run "Notion: Set Notion Token" and paste your integration's token.`);
  }
  console.log('Right-click a file in the Explorer and choose "Upload to Notion" (or, on README.md, "Publish to Notion").');
  console.log(`Ctrl-C here (or kill ${process.pid}) stops code-server${emulator ? ' and the emulator' : ''} and removes the scratch folder.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof DemoPortError ? `npm start: ${error.message}` : error instanceof Error ? error.message : String(error));
  process.exit(1);
});
