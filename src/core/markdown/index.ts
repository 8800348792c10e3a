// Markdown files as Notion pages: parse, convert, cut to Notion's limits, publish.
export { MAX_LISTED_PAGES, publishMarkdown, PublishStoppedError, type PublishDependencies, type PublishResult } from './publishMarkdown';
export { detachedUploader } from './detachedUpload';
export { JsonFilePublishStore, MemoryPublishStore, PublishBusyError, publishKey, type PublishLock, type PublishStore, type PublishedPage, type PublishedFile } from './publishRecord';
export { parseMarkdown, pageTitle, localReferences } from './markdownDocument';
export { BlockConverter, type FilePlacement } from './toBlocks';
export { planBlock, batchBlocks } from './requestPlan';
export type { BlockNode, RequestBlock, LeafBlock, RichText } from './notionBlocks';
