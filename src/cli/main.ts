console.error('notion-upload: not built yet');
process.exitCode = 2;
