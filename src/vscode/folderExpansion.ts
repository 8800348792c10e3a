import * as vscode from 'vscode';
import ignore, { type Ignore } from 'ignore';
import { compileGlobs, relativePathUnder, type PathMatcher } from './globs';
import { listLocalFolder, LocalStats, readLocalText, type EntryKind } from './localFolders';
import { pacedSort } from './pacedSort';
import { TurnBudget } from './turnBudget';

export interface FileToUpload {
  uri: vscode.Uri;
  sizeBytes: number;
  /** Path shown to the user: relative to its workspace folder where it has one. */
  displayPath: string;
  /**
   * A local file's modification time, from the stat that measured sizeBytes (the folder walk's): with the size and
   * path, what tells it is a file uploaded before, so it is not stat-ed again (earlierUploads.ts looks again at those
   * it would take for one).
   */
  mtimeMs?: number;
}

export interface Expansion {
  files: FileToUpload[];
  /** True when at least one folder was expanded (the batch then needs a confirmation). */
  fromFolders: boolean;
  /** Files and folders left out because of `files.exclude` or a `.gitignore`. */
  excludedCount: number;
  /** Set when the walk stopped at the file limit. */
  truncated: boolean;
}

export const MAX_FILES_PER_BATCH = 5000;
/**
 * stat calls a folder walk keeps under way: enough to keep the file system (node's four threads for it) busy, few
 * enough that their answers, handled together when they arrive together, make a short turn of the event loop.
 */
const STATS_IN_FLIGHT = 32;
/** The order entries are listed in: what localeCompare gives, without building a collator per comparison. */
const byName = new Intl.Collator();

type ExcludeValue = boolean | { when?: string };

/**
 * Turns a selection into the files to upload. Files picked one by one go as they are; folders contribute every file
 * below them except what `files.exclude` hides and what `.gitignore` files (from the workspace folder down) ignore.
 */
export async function expandSelection(selection: readonly vscode.Uri[], cancel?: vscode.CancellationToken): Promise<Expansion> {
  const result: Expansion = { files: [], fromFolders: false, excludedCount: 0, truncated: false };
  const seen = new Set<string>();
  const add = (file: FileToUpload): void => {
    if (seen.has(file.uri.toString())) return;
    if (result.files.length >= MAX_FILES_PER_BATCH) {
      result.truncated = true;
      return;
    }
    seen.add(file.uri.toString());
    result.files.push(file);
  };

  for (const uri of selection) {
    const stat = await sourceOf(uri).stat(uri);
    if (stat.kind === 'folder') {
      result.fromFolders = true;
      const walker = await FolderWalker.create(uri);
      await walker.walk(uri, add, result, cancel);
    } else {
      add({ uri, sizeBytes: stat.sizeBytes, mtimeMs: stat.mtimeMs, displayPath: displayPathOf(uri) });
    }
    if (cancel?.isCancellationRequested || result.truncated) break;
  }
  return result;
}

export function displayPathOf(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

interface GitignoreLevel {
  dir: vscode.Uri;
  rules: Ignore;
}

class FolderWalker {
  private constructor(
    private readonly base: vscode.Uri,
    private readonly excluded: PathMatcher,
    private readonly conditionalExcludes: Array<{ matches: PathMatcher; when: string }>,
    private readonly rootLevels: GitignoreLevel[],
  ) {}

  /** Reads `files.exclude` for the folder and every `.gitignore` between its workspace folder and it. */
  static async create(folder: vscode.Uri): Promise<FolderWalker> {
    const base = vscode.workspace.getWorkspaceFolder(folder)?.uri ?? folder;
    const exclude = vscode.workspace.getConfiguration('files', folder).get<Record<string, ExcludeValue>>('exclude', {});
    const always: string[] = [];
    const conditional: Array<{ matches: PathMatcher; when: string }> = [];
    for (const [pattern, value] of Object.entries(exclude)) {
      if (value === true) always.push(pattern);
      else if (value && typeof value === 'object' && typeof value.when === 'string') conditional.push({ matches: compileGlobs([pattern]), when: value.when });
    }
    const levels: GitignoreLevel[] = [];
    const relative = relativePathUnder(base, folder);
    const ancestors = [base];
    if (relative) {
      const segments = relative.split('/');
      for (let i = 1; i < segments.length; i += 1) ancestors.push(vscode.Uri.joinPath(base, ...segments.slice(0, i)));
    }
    for (const dir of ancestors) {
      const level = await readGitignore(dir);
      if (level) levels.push(level);
    }
    return new FolderWalker(base, compileGlobs(always), conditional, levels);
  }

  /**
   * A folder of thousands of files is matched and measured a few milliseconds per turn of the event loop, with a
   * bounded number of stat calls in flight: all of it in one go held the extension host for hundreds of milliseconds.
   */
  async walk(folder: vscode.Uri, add: (file: FileToUpload) => void, result: Expansion, cancel?: vscode.CancellationToken): Promise<void> {
    const source = sourceOf(folder);
    const pending: Array<{ dir: vscode.Uri; levels: GitignoreLevel[] }> = [{ dir: folder, levels: this.rootLevels }];
    const budget = new TurnBudget();
    while (pending.length > 0 && !result.truncated && !cancel?.isCancellationRequested) {
      const { dir, levels: parentLevels } = pending.shift()!;
      const own = await readGitignore(dir);
      const levels = own ? [...parentLevels, own] : parentLevels;
      const entries = await pacedSort(await source.list(dir), byEntryName, budget);
      const siblings = new Set(entries.map(([name]) => name));
      const files: vscode.Uri[] = [];
      for (const [name, type] of entries) {
        await budget.pace();
        const uri = childOf(dir, name);
        const isDirectory = (type & vscode.FileType.Directory) !== 0;
        if (this.isExcluded(uri, name, siblings) || isGitignored(levels, uri, isDirectory)) {
          result.excludedCount += 1;
          continue;
        }
        if (isDirectory) {
          if (!(type & vscode.FileType.SymbolicLink)) pending.push({ dir: uri, levels });
        } else if (type & vscode.FileType.File) {
          files.push(uri);
        }
      }
      // The path shown for a file is its folder's, as VS Code shows it, and its name: worked out once per folder.
      let shownFolder: string | undefined;
      const stats: Array<Promise<EntryStat> | undefined> = new Array(files.length);
      let asked = 0;
      for (let index = 0; index < files.length && !result.truncated; index += 1) {
        // Each stat handed to the thread pool costs this thread something too: a full window of them at once is
        // itself a long turn, so past the one needed now they wait for a turn with budget left.
        for (; asked < files.length && asked < index + STATS_IN_FLIGHT && (asked === index || !budget.spent); asked += 1) {
          const stat = source.stat(files[asked]);
          // Awaited in its turn below, where a failure ends the walk; until then it must not count as unhandled.
          stat.catch(ignoreFailure);
          stats[asked] = stat;
        }
        const stat = await stats[index]!;
        stats[index] = undefined;
        await budget.pace();
        const uri = files[index];
        const name = entryName(uri);
        let displayPath: string;
        if (shownFolder !== undefined) {
          displayPath = shownFolder + name;
        } else {
          displayPath = displayPathOf(uri);
          if (displayPath.endsWith(name)) shownFolder = displayPath.slice(0, displayPath.length - name.length);
        }
        add({ uri, sizeBytes: stat.sizeBytes, mtimeMs: stat.mtimeMs, displayPath });
      }
    }
  }

  private isExcluded(uri: vscode.Uri, name: string, siblings: ReadonlySet<string>): boolean {
    const relative = relativePathUnder(this.base, uri) ?? name;
    if (this.excluded(relative)) return true;
    return this.conditionalExcludes.some(({ matches, when }) => {
      if (!matches(relative)) return false;
      const stem = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
      return siblings.has(when.replace(/\$\(basename\)/g, stem));
    });
  }
}

/** What the walk needs of an entry's stat; mtimeMs only where the stat is node's (local files). */
interface EntryStat {
  kind: EntryKind;
  sizeBytes: number;
  mtimeMs?: number;
}

/** Where a folder's entries are read from: node:fs for local files, VS Code's file system API for other schemes. */
interface FolderSource {
  list(dir: vscode.Uri): Promise<Array<[string, vscode.FileType]>>;
  stat(uri: vscode.Uri): Promise<EntryStat>;
  readText(uri: vscode.Uri): Promise<string | undefined>;
}

const LOCAL_TYPES: Record<EntryKind, vscode.FileType> = { file: 1, folder: 2, other: 0 } satisfies Record<EntryKind, number>;

/** A source for one walk of local folders (its stats stay synchronous only while the disk answers quickly). */
function localSource(): FolderSource {
  const stats = new LocalStats();
  return {
    list: async (dir) => (await listLocalFolder(dir.fsPath)).map(({ name, kind, symbolicLink }) => [name, LOCAL_TYPES[kind] | (symbolicLink ? vscode.FileType.SymbolicLink : 0)]),
    stat: (uri) => stats.stat(uri.fsPath),
    readText: (uri) => readLocalText(uri.fsPath),
  };
}

const vscodeSource: FolderSource = {
  list: async (dir) => vscode.workspace.fs.readDirectory(dir),
  stat: async (uri) => {
    const stat = await vscode.workspace.fs.stat(uri);
    return { kind: stat.type & vscode.FileType.Directory ? 'folder' : stat.type & vscode.FileType.File ? 'file' : 'other', sizeBytes: stat.size };
  },
  readText: async (uri) => {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
  },
};

function sourceOf(uri: vscode.Uri): FolderSource {
  return uri.scheme === 'file' ? localSource() : vscodeSource;
}

function byEntryName([a]: [string, vscode.FileType], [b]: [string, vscode.FileType]): number {
  return byName.compare(a, b);
}

function ignoreFailure(): void {
  // the failure is taken where the promise is awaited
}

/** `dir`'s entry `name`, without the path normalisation of Uri.joinPath (a listed name has no slash or dot segment). */
function childOf(dir: vscode.Uri, name: string): vscode.Uri {
  return dir.with({ path: dir.path.endsWith('/') ? dir.path + name : `${dir.path}/${name}` });
}

function entryName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

async function readGitignore(dir: vscode.Uri): Promise<GitignoreLevel | undefined> {
  const text = await sourceOf(dir).readText(vscode.Uri.joinPath(dir, '.gitignore'));
  return text === undefined ? undefined : { dir, rules: ignore().add(text) };
}

/** Git's rule: the deepest `.gitignore` with a matching pattern decides, and a `!pattern` there re-includes. */
function isGitignored(levels: readonly GitignoreLevel[], uri: vscode.Uri, isDirectory: boolean): boolean {
  for (let i = levels.length - 1; i >= 0; i -= 1) {
    const relative = relativePathUnder(levels[i].dir, uri);
    if (!relative) continue;
    const verdict = levels[i].rules.test(isDirectory ? `${relative}/` : relative);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}
