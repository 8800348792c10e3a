// A Markdown file read as an mdast tree (CommonMark + GitHub's tables, task lists, strikethrough and footnotes,
// $…$ / $$…$$ math, YAML front matter), its page title, and the local files it refers to.
import { dirname, isAbsolute, resolve } from 'node:path';
import { basename, extname } from 'node:path';
import type { Heading, Nodes, Root, Yaml } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { mathFromMarkdown } from 'mdast-util-math';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { math } from 'micromark-extension-math';
import { load as loadYaml } from 'js-yaml';
import { findAllowedType } from '../rules/fileType';
import { isWebLink } from './richText';

export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, {
    extensions: [gfm(), math(), frontmatter(['yaml'])],
    mdastExtensions: [gfmFromMarkdown(), mathFromMarkdown(), frontmatterFromMarkdown(['yaml'])],
  });
}

function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'yaml') return node.value;
  if (node.type === 'image') return node.alt ?? '';
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

// js-yaml never expands an alias (each is one shared object) and stops at 100 levels of nesting, so no front matter
// costs more than its own length; a document that aliases this often is built to be expanded by whoever reads it, and
// gives no title, as invalid YAML does.
const MAX_FRONT_MATTER_ALIASES = 50;

/** The front matter's `title` when it is a non-empty string (bad YAML is no title, not an error). */
function frontMatterTitle(root: Root): string | undefined {
  const yaml = root.children.find((node): node is Yaml => node.type === 'yaml');
  if (!yaml) return undefined;
  try {
    const data = loadYaml(yaml.value, { maxAliases: MAX_FRONT_MATTER_ALIASES });
    const title = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).title : undefined;
    return typeof title === 'string' && title.trim() !== '' ? title.trim() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The page title: front matter `title`, else the first `#` heading (which then is left out of the body: Notion
 * shows the title above it), else the file name without its extension.
 */
export function pageTitle(root: Root, filePath: string): { title: string; titleHeading?: Heading } {
  const fromYaml = frontMatterTitle(root);
  if (fromYaml) return { title: fromYaml };
  const heading = root.children.find((node): node is Heading => node.type === 'heading' && node.depth === 1);
  const text = heading ? plainText(heading).trim() : '';
  if (heading && text) return { title: text, titleHeading: heading };
  return { title: basename(filePath, extname(filePath)) || basename(filePath) };
}

/** A URL that names a file beside the Markdown file (no scheme, not a fragment or protocol-relative URL). */
export function isLocalReference(url: string): boolean {
  const trimmed = url.trim();
  return trimmed !== '' && !trimmed.startsWith('#') && !trimmed.startsWith('//') && !/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !isWebLink(trimmed);
}

/** The file a local reference names: query and fragment dropped, %-escapes decoded, relative to the Markdown file. */
export function localPath(url: string, markdownPath: string): string {
  let path = url.trim().replace(/[?#].*$/, '');
  try {
    path = decodeURI(path);
  } catch {
    // a stray % stays as written
  }
  return isAbsolute(path) ? path : resolve(dirname(markdownPath), path);
}

export interface LocalReference {
  url: string;
  path: string;
  /** An image (`![…](…)`) or a link to a file Notion accepts (`[spec](./spec.pdf)`). */
  as: 'image' | 'link';
}

/**
 * Every local image, and every link to a local file of a type Notion accepts, in document order, each path once
 * (the file is uploaded once per page however often it is referred to). Links to other files (.md, .ts) stay text.
 */
export function localReferences(root: Root, markdownPath: string): LocalReference[] {
  const found = new Map<string, LocalReference>();
  const visit = (node: Nodes): void => {
    if ((node.type === 'image' || node.type === 'link') && isLocalReference(node.url)) {
      const path = localPath(node.url, markdownPath);
      const as = node.type === 'image' ? 'image' : 'link';
      if ((as === 'image' || findAllowedType(path)) && !found.has(path)) found.set(path, { url: node.url, path, as });
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(root);
  return [...found.values()];
}
