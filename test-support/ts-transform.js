// Jest transform: TypeScript -> CommonJS with `transpileModule` (no type-check; `npm test` runs `tsc` first).
// Kept here instead of ts-jest or @swc/jest: the compiler we already depend on does the job in a few lines.
const ts = require("typescript");
const { compilerOptions } = require("../tsconfig.json");

const options = {
  ...ts.convertCompilerOptionsFromJson(compilerOptions, __dirname).options,
  module: ts.ModuleKind.CommonJS,
  sourceMap: false,
  inlineSourceMap: true,
  inlineSources: true,
  incremental: false,
  tsBuildInfoFile: undefined,
};

module.exports = {
  process(source, fileName) {
    const { outputText } = ts.transpileModule(source, { compilerOptions: options, fileName });
    return { code: outputText };
  },
  getCacheKey(source, fileName) {
    return require("crypto").createHash("sha256").update(source).update(fileName).update(ts.version).digest("hex");
  },
};
