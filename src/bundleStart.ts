// The first module of the extension bundle (extension.ts imports it first): its timestamp marks the start of the
// bundle's evaluation, so activation figures can include the cost of loading the code itself.
export const bundleStartedAt = performance.now();
