// Every command the extension registers; package.json contributes exactly these (checked by a host test).
export const CommandIds = {
  upload: 'notionUpload.upload',
  publishMarkdown: 'notionUpload.publishMarkdown',
  setToken: 'notionUpload.setToken',
  clearToken: 'notionUpload.clearToken',
  chooseTargetPage: 'notionUpload.chooseTargetPage',
  openTargetPage: 'notionUpload.openTargetPage',
  showLog: 'notionUpload.showLog',
  checkConnection: 'notionUpload.checkConnection',
  cancelUpload: 'notionUpload.cancelUpload',
  retryUpload: 'notionUpload.retryUpload',
  resumeUpload: 'notionUpload.resumeUpload',
  openInNotion: 'notionUpload.openInNotion',
  copyLink: 'notionUpload.copyLink',
  revealInExplorer: 'notionUpload.revealInExplorer',
  removeUpload: 'notionUpload.removeUpload',
  cancelAll: 'notionUpload.cancelAll',
  clearFinished: 'notionUpload.clearFinished',
  /** The Uploads view's last row when the list is longer than a page. */
  showMoreUploads: 'notionUpload.showMoreUploads',
} as const;

export const UPLOADS_VIEW_ID = 'notionUpload.uploads';
export const REVEAL_UPLOADS_VIEW_COMMAND = `${UPLOADS_VIEW_ID}.focus`;

export const ContextKeys = {
  hasToken: 'notionUpload.hasToken',
  uploadsActive: 'notionUpload.uploadsActive',
  /** This workspace's Uploads view has listed an upload: its empty view no longer says "No uploads yet." */
  listedUploads: 'notionUpload.listedUploads',
} as const;
