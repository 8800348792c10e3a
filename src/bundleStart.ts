// The first module of the extension bundle (extension.ts imports it first): its timestamp marks the start of the
// bundle's evaluation, so activation figures can include the cost of loading the code itself.
export const bundleStartedAt = performance.now();
/** CPU time (user + system, microseconds) of the process at that point: less disturbed than wall time on a busy machine. */
export const bundleStartCpu = process.cpuUsage();
