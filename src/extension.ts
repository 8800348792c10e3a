// bundleStart must stay the first import: the bundle evaluates modules in import order.
import { bundleStartCpu, bundleStartedAt } from './bundleStart';
import { dirname, join } from 'node:path';
import type * as vscode from 'vscode';
import { activateExtension, deactivateExtension, type NotionUploadApi } from './vscode/activate';

const bundleEvaluatedAt = performance.now();
const bundleEvaluationCpu = process.cpuUsage(bundleStartCpu);

/** What activation cost, for the host suite to print. */
export interface ActivationFigures {
  /** From the bundle's first statement to the end of its top-level code (coreLight.js included). */
  moduleLoadMs: number;
  /** The extension host's CPU time (all its threads) over the same stretch. */
  moduleLoadCpuMs: number;
  /** Inside activate(). */
  activateMs: number;
  /** This extension's own files in Node's module cache when activate() returned. */
  filesLoaded: string[];
}

export interface ExtensionApi extends NotionUploadApi {
  activation: ActivationFigures;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  const api = activateExtension(context);
  const activateMs = performance.now() - started;
  const ownFiles = Object.keys(require.cache).filter((file) => dirname(file) === __dirname).map((file) => file.slice(join(__dirname, '/').length));
  return Object.assign(api, { activation: { moduleLoadMs: bundleEvaluatedAt - bundleStartedAt, moduleLoadCpuMs: (bundleEvaluationCpu.user + bundleEvaluationCpu.system) / 1000, activateMs, filesLoaded: ownFiles.sort() } });
}

export function deactivate(): Promise<void> {
  return deactivateExtension();
}
