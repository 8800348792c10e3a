// A fenced block's info string to Notion's code-language enum (the SDK's LanguageRequest); anything else is plain text.
export const NOTION_LANGUAGES = [
  'abap', 'abc', 'agda', 'arduino', 'ascii art', 'assembly', 'bash', 'basic', 'bnf', 'c', 'c#', 'c++', 'clojure', 'coffeescript',
  'coq', 'css', 'dart', 'dhall', 'diff', 'docker', 'ebnf', 'elixir', 'elm', 'erlang', 'f#', 'flow', 'fortran', 'gherkin', 'glsl',
  'go', 'graphql', 'groovy', 'haskell', 'hcl', 'html', 'idris', 'java', 'javascript', 'json', 'julia', 'kotlin', 'latex', 'less',
  'lisp', 'livescript', 'llvm ir', 'lua', 'makefile', 'markdown', 'markup', 'matlab', 'mathematica', 'mermaid', 'nix',
  'notion formula', 'objective-c', 'ocaml', 'pascal', 'perl', 'php', 'plain text', 'powershell', 'prolog', 'protobuf',
  'purescript', 'python', 'r', 'racket', 'reason', 'ruby', 'rust', 'sass', 'scala', 'scheme', 'scss', 'shell', 'smalltalk',
  'solidity', 'sql', 'swift', 'toml', 'typescript', 'vb.net', 'verilog', 'vhdl', 'visual basic', 'webassembly', 'xml', 'yaml',
  'java/c/c++/c#',
] as const;

export type NotionLanguage = (typeof NOTION_LANGUAGES)[number];

/** The names people write after ``` that are not Notion's own spelling. */
const ALIASES: Record<string, NotionLanguage> = {
  sh: 'shell', zsh: 'shell', console: 'shell', shellscript: 'shell', ps1: 'powershell', pwsh: 'powershell',
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript', node: 'javascript',
  ts: 'typescript', tsx: 'typescript', mts: 'typescript', cts: 'typescript',
  py: 'python', python3: 'python', rb: 'ruby', rs: 'rust', golang: 'go', kt: 'kotlin', kts: 'kotlin',
  cs: 'c#', csharp: 'c#', cpp: 'c++', cc: 'c++', cxx: 'c++', hpp: 'c++', h: 'c', fs: 'f#', fsharp: 'f#',
  yml: 'yaml', md: 'markdown', htm: 'html', svg: 'xml', dockerfile: 'docker', make: 'makefile', mk: 'makefile',
  tex: 'latex', objc: 'objective-c', 'objective_c': 'objective-c', vb: 'visual basic', vbnet: 'vb.net', hs: 'haskell',
  ex: 'elixir', exs: 'elixir', erl: 'erlang', clj: 'clojure', ml: 'ocaml', pl: 'perl', proto: 'protobuf', wasm: 'webassembly',
  text: 'plain text', txt: 'plain text', plaintext: 'plain text', plain: 'plain text', jsonc: 'json', json5: 'json', gql: 'graphql',
  terraform: 'hcl', tf: 'hcl', patch: 'diff', sass: 'sass', jl: 'julia', sol: 'solidity', 'c++': 'c++', 'f#': 'f#', 'c#': 'c#',
};

export function notionLanguage(lang: string | null | undefined): NotionLanguage {
  const name = (lang ?? '').trim().toLowerCase();
  if (name === '') return 'plain text';
  if ((NOTION_LANGUAGES as readonly string[]).includes(name)) return name as NotionLanguage;
  return ALIASES[name] ?? 'plain text';
}
