// The shapes of blocks in a create-page or append-children request, as the official SDK's BlockObjectRequest types
// them, and Notion's request limits (docs/notion-api.md §4): rich text `text.content` ≤ 2,000 characters and ≤ 100 items
// per array, ≤ 100 children per array, two levels of nesting, ≤ 1,000 block elements per request.
import { bodyValidation, quoted, type ApiError } from './errors';
import { maxChildrenPerAppend } from './limits';

export const maxTextContent = 2000;
export const maxRichTextItems = 100;
export const maxBlockElements = 1000;
export const maxPayloadBytes = 500 * 1000;

const richTextTypes = ['paragraph', 'heading_1', 'heading_2', 'heading_3', 'heading_4', 'bulleted_list_item', 'numbered_list_item', 'quote', 'to_do', 'toggle', 'callout', 'template'];
const mediaTypes = ['image', 'video', 'pdf', 'file', 'audio'];
const urlTypes = ['embed', 'bookmark'];
const emptyTypes = ['divider', 'breadcrumb', 'table_of_contents', 'tab'];
const otherTypes = ['code', 'equation', 'table', 'table_row', 'link_to_page', 'synced_block', 'column_list', 'column'];
export const requestBlockTypes = [...richTextTypes, ...mediaTypes, ...urlTypes, ...emptyTypes, ...otherTypes];
/** Types whose content may carry `children` in a request. */
const nestingTypes = [...richTextTypes.filter((type) => type !== 'template'), 'table', 'column_list', 'column', 'synced_block'];

export const codeLanguages = new Set([
  'abap', 'abc', 'agda', 'arduino', 'ascii art', 'assembly', 'bash', 'basic', 'bnf', 'c', 'c#', 'c++', 'clojure', 'coffeescript', 'coq', 'css',
  'dart', 'dhall', 'diff', 'docker', 'ebnf', 'elixir', 'elm', 'erlang', 'f#', 'flow', 'fortran', 'gherkin', 'glsl', 'go', 'graphql', 'groovy',
  'haskell', 'hcl', 'html', 'idris', 'java', 'javascript', 'json', 'julia', 'kotlin', 'latex', 'less', 'lisp', 'livescript', 'llvm ir', 'lua',
  'makefile', 'markdown', 'markup', 'matlab', 'mathematica', 'mermaid', 'nix', 'notion formula', 'objective-c', 'ocaml', 'pascal', 'perl', 'php',
  'plain text', 'powershell', 'prolog', 'protobuf', 'purescript', 'python', 'r', 'racket', 'reason', 'ruby', 'rust', 'sass', 'scala', 'scheme',
  'scss', 'shell', 'smalltalk', 'solidity', 'sql', 'swift', 'toml', 'typescript', 'vb.net', 'verilog', 'vhdl', 'visual basic', 'webassembly',
  'xml', 'yaml', 'java/c/c++/c#',
]);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(detail: string): ApiError {
  return bodyValidation(detail);
}

function checkRichText(value: unknown, where: string): void {
  if (!Array.isArray(value)) throw fail(`${where} should be an array, instead was ${quoted(value)}.`);
  if (value.length > maxRichTextItems) throw fail(`${where}.length should be ≤ \`${maxRichTextItems}\`, instead was \`${value.length}\`.`);
  value.forEach((item, index) => {
    const at = `${where}[${index}]`;
    if (!isObject(item)) throw fail(`${at} should be an object, instead was ${quoted(item)}.`);
    const type = item.type ?? (item.text !== undefined ? 'text' : item.equation !== undefined ? 'equation' : item.mention !== undefined ? 'mention' : undefined);
    if (type === 'text') {
      const text = item.text;
      if (!isObject(text) || typeof text.content !== 'string') throw fail(`${at}.text.content should be a string, instead was ${quoted(isObject(text) ? text.content : text)}.`);
      if (text.content.length > maxTextContent) throw fail(`${at}.text.content.length should be ≤ \`${maxTextContent}\`, instead was \`${text.content.length}\`.`);
      if (text.link !== undefined && text.link !== null && !(isObject(text.link) && typeof text.link.url === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(text.link.url))) {
        throw fail(`${at}.text.link.url should be a valid URL, instead was ${quoted(isObject(text.link) ? text.link.url : text.link)}.`);
      }
    } else if (type === 'equation') {
      if (!isObject(item.equation) || typeof item.equation.expression !== 'string') throw fail(`${at}.equation.expression should be a string, instead was ${quoted(isObject(item.equation) ? item.equation.expression : item.equation)}.`);
    } else if (type !== 'mention') {
      throw fail(`${at}.type should be one of "text", "mention", "equation", instead was ${quoted(type)}.`);
    }
  });
}

function checkMedia(content: Json, where: string): void {
  const source = content.type ?? (content.file_upload !== undefined ? 'file_upload' : 'external');
  if (source === 'external') {
    if (!isObject(content.external) || typeof content.external.url !== 'string') throw fail(`${where}.external.url should be a string, instead was ${quoted(isObject(content.external) ? content.external.url : content.external)}.`);
  } else if (source === 'file_upload') {
    if (!isObject(content.file_upload) || typeof content.file_upload.id !== 'string') throw fail(`${where}.file_upload.id should be a string, instead was ${quoted(isObject(content.file_upload) ? content.file_upload.id : content.file_upload)}.`);
  } else {
    throw fail(`${where}.type should be one of "external", "file_upload", instead was ${quoted(source)}.`);
  }
  if (content.caption !== undefined) checkRichText(content.caption, `${where}.caption`);
}

/**
 * Checks an array of children given at `where` (`body.children`), `level` 1 for a request's top blocks, 2 for their
 * children; deeper is refused. Returns how many block elements it holds.
 */
export function checkChildren(children: unknown, where: string, level = 1): number {
  if (!Array.isArray(children)) throw fail(`${where} should be an array, instead was ${quoted(children)}.`);
  if (children.length > maxChildrenPerAppend) throw fail(`${where}.length should be ≤ \`${maxChildrenPerAppend}\`, instead was \`${children.length}\`.`);
  let elements = 0;
  children.forEach((child, index) => {
    elements += checkBlock(child, `${where}[${index}]`, level);
  });
  return elements;
}

function checkBlock(child: unknown, where: string, level: number): number {
  if (!isObject(child)) throw fail(`${where} should be an object, instead was ${quoted(child)}.`);
  if (child.object !== undefined && child.object !== 'block') throw fail(`${where}.object should be \`"block"\`, instead was ${quoted(child.object)}.`);
  const type = child.type ?? Object.keys(child).find((key) => requestBlockTypes.includes(key));
  if (typeof type !== 'string') throw fail(`${where}.type should be defined, instead was ${quoted(child.type)}.`);
  if (!requestBlockTypes.includes(type)) throw fail(`${where}.type should be one of ${requestBlockTypes.map((name) => `"${name}"`).join(', ')}, instead was ${quoted(type)}.`);
  const content = child[type];
  const at = `${where}.${type}`;
  if (!isObject(content)) throw fail(`${at} should be an object, instead was ${quoted(content)}.`);

  if (richTextTypes.includes(type) || type === 'code') checkRichText(content.rich_text, `${at}.rich_text`);
  if (type === 'to_do' && content.checked !== undefined && typeof content.checked !== 'boolean') throw fail(`${at}.checked should be a boolean, instead was ${quoted(content.checked)}.`);
  if (type === 'code') {
    if (typeof content.language !== 'string' || !codeLanguages.has(content.language)) throw fail(`${at}.language should be one of the supported languages, instead was ${quoted(content.language)}.`);
    if (content.caption !== undefined) checkRichText(content.caption, `${at}.caption`);
  }
  if (type === 'equation' && typeof content.expression !== 'string') throw fail(`${at}.expression should be a string, instead was ${quoted(content.expression)}.`);
  if (mediaTypes.includes(type)) checkMedia(content, at);
  // An uploaded web page (.html) goes into an embed block by file_upload (docs/notion-api.md §5), newer than the SDK's types.
  if (type === 'embed' && content.type === 'file_upload') checkMedia(content, at);
  else if (urlTypes.includes(type) && typeof content.url !== 'string') throw fail(`${at}.url should be a string, instead was ${quoted(content.url)}.`);
  if (type === 'table_row') {
    if (!Array.isArray(content.cells)) throw fail(`${at}.cells should be an array, instead was ${quoted(content.cells)}.`);
    content.cells.forEach((cell, index) => checkRichText(cell, `${at}.cells[${index}]`));
  }
  if (type === 'table') {
    if (typeof content.table_width !== 'number' || !Number.isInteger(content.table_width) || content.table_width < 1) {
      throw fail(`${at}.table_width should be a positive integer, instead was ${quoted(content.table_width)}.`);
    }
    if (content.children === undefined) throw fail(`${at}.children should be defined, instead was \`undefined\`.`);
  }

  let elements = 1;
  if (content.children !== undefined) {
    if (!nestingTypes.includes(type)) throw fail(`${at}.children should be not present, instead was ${quoted(content.children)}.`);
    if (level >= 2) throw fail(`${at}.children should be not present, instead was ${quoted(content.children)}.`);
    elements += checkChildren(content.children, `${at}.children`, level + 1);
    if (type === 'table') {
      (content.children as Json[]).forEach((row, index) => {
        const rowType = row.type ?? 'table_row';
        if (rowType !== 'table_row') throw fail(`${at}.children[${index}].type should be \`"table_row"\`, instead was ${quoted(rowType)}.`);
        const cells = (row.table_row as Json).cells as unknown[];
        if (cells.length !== content.table_width) {
          throw fail(`${at}.children[${index}].table_row.cells.length should be \`${String(content.table_width)}\` (the table_width), instead was \`${cells.length}\`.`);
        }
      });
    }
  }
  return elements;
}

/** The whole request's checks: its top children, and the total number of block elements. */
export function checkRequestChildren(children: unknown, bodyBytes: number): void {
  if (bodyBytes > maxPayloadBytes) throw fail(`body should be at most ${maxPayloadBytes} bytes, instead was ${bodyBytes} bytes.`);
  const elements = checkChildren(children, 'body.children');
  if (elements > maxBlockElements) throw fail(`body.children should hold at most ${maxBlockElements} block elements, instead held ${elements}.`);
}
