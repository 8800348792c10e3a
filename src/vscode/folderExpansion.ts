import * as vscode from 'vscode';
import ignore, { type Ignore } from 'ignore';
import { compileGlobs, relativePathUnder, type PathMatcher } from './globs';
import { TurnBudget } from './turnBudget';

export interface FileToUpload {
  uri: vscode.Uri;
  sizeBytes: number;
  /** Path shown to the user: relative to its workspace folder where it has one. */
  displayPath: string;
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
 * stat calls a folder walk keeps under way: enough to keep the file system busy, few enough that their answers,
 * handled together when they arrive together, make a short turn of the event loop.
 */
const STATS_IN_FLIGHT = 128;
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
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) {
      result.fromFolders = true;
      const walker = await FolderWalker.create(uri);
      await walker.walk(uri, add, result, cancel);
    } else {
      add({ uri, sizeBytes: stat.size, displayPath: displayPathOf(uri) });
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
    const pending: Array<{ dir: vscode.Uri; levels: GitignoreLevel[] }> = [{ dir: folder, levels: this.rootLevels }];
    const budget = new TurnBudget();
    while (pending.length > 0 && !result.truncated && !cancel?.isCancellationRequested) {
      const { dir, levels: parentLevels } = pending.shift()!;
      const own = await readGitignore(dir);
      const levels = own ? [...parentLevels, own] : parentLevels;
      const entries = (await vscode.workspace.fs.readDirectory(dir)).sort(([a], [b]) => byName.compare(a, b));
      const siblings = new Set(entries.map(([name]) => name));
      const files: vscode.Uri[] = [];
      for (const [name, type] of entries) {
        await budget.pace();
        const uri = vscode.Uri.joinPath(dir, name);
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
      for await (const [uri, stat] of statsInOrder(files)) {
        if (result.truncated) break;
        await budget.pace();
        add({ uri, sizeBytes: stat.size, displayPath: displayPathOf(uri) });
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

/** Each file with its stat, in the order given, with at most STATS_IN_FLIGHT stat calls under way. */
async function* statsInOrder(files: readonly vscode.Uri[]): AsyncGenerator<[vscode.Uri, vscode.FileStat]> {
  const pending: Array<Promise<vscode.FileStat> | undefined> = [];
  let asked = 0;
  for (let index = 0; index < files.length; index += 1) {
    for (; asked < files.length && asked < index + STATS_IN_FLIGHT; asked += 1) {
      const stat = Promise.resolve(vscode.workspace.fs.stat(files[asked]));
      // Awaited in its turn below, where a failure ends the walk; until then it must not count as unhandled.
      stat.catch(() => undefined);
      pending.push(stat);
    }
    const stat = await pending[index]!;
    pending[index] = undefined;
    yield [files[index], stat];
  }
}

async function readGitignore(dir: vscode.Uri): Promise<GitignoreLevel | undefined> {
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, '.gitignore'));
    return { dir, rules: ignore().add(new TextDecoder().decode(bytes)) };
  } catch {
    return undefined;
  }
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
