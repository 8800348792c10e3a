import type { WorkspaceLimits } from '../notion/notionClient';
import { formatBytes } from './units';

/**
 * What a token check tells the user: who the token acts as (an integration, or a person with a personal access
 * token), in which workspace, and the largest file when Notion says it (or named it in refusing a file); when it does not,
 * that it is learnt from the first refusal.
 */
export function describeTokenCheck(limits: WorkspaceLimits): string {
  const name = limits.name ? `“${limits.name}”` : undefined;
  const who = limits.kind === 'person'
    ? `${name ?? 'a person'} (personal access token: your own pages, no sharing needed)`
    : `${name ?? 'the integration'} (integration)`;
  const where = limits.workspaceName ? ` in ${limits.workspaceName}` : '';
  const size = limits.maxFileUploadSizeBytes !== null
    ? `Files up to ${formatBytes(limits.maxFileUploadSizeBytes)} each.`
    : 'Notion does not tell this token the largest file the workspace takes: it is learnt from Notion\'s refusal of the first file too large, and larger files are then refused before they are sent.';
  return `connected as ${who}${where}. ${size}`;
}
