import type { WorkspaceLimits } from '../notion/notionClient';
import { formatBytes } from './units';

/**
 * What a token check tells the user: who the token acts as (an integration, or a person with a personal access
 * token), in which workspace, and the largest file when Notion says it; when it does not, that larger files are sent
 * and Notion's own answer decides.
 */
export function describeTokenCheck(limits: WorkspaceLimits): string {
  const name = limits.name ? `“${limits.name}”` : undefined;
  const who = limits.kind === 'person'
    ? `${name ?? 'a person'} (personal access token: your own pages, no sharing needed)`
    : `${name ?? 'the integration'} (integration)`;
  const where = limits.workspaceName ? ` in ${limits.workspaceName}` : '';
  const size = limits.maxFileUploadSizeBytes !== null
    ? `Files up to ${formatBytes(limits.maxFileUploadSizeBytes)} each.`
    : 'Notion does not tell this token the largest file the workspace takes: files are sent, and a file too large is refused by Notion with its reason.';
  return `connected as ${who}${where}. ${size}`;
}
