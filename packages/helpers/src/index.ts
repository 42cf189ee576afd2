// Helpers over the generated operations, the same in every runtime: they take any client (Node's createClient,
// the edge's createEdgeClient, Deno's) because they only need what the generated functions need.
export {
  applyDictionary,
  fillDictionaryParams,
  parseDictionaryExpressions,
  type DictionaryExpression,
} from './dictionary-expressions.ts';
export {
  createDictionaryResolver,
  type DictionaryCache,
  type DictionaryCacheEntry,
  type DictionaryResolver,
  type DictionaryResolverOptions,
  type DictionaryStrings,
} from './dictionary.ts';
export {
  readData,
  sendDataBatched,
  splitIntoChunks,
  TagoBatchError,
  type ChunkReport,
  type DataInput,
  type DataRecord,
  type ReadDataOptions,
  type SendDataBatchedOptions,
  type SendDataBatchedResult,
} from './data-stream.ts';
export {
  checkOffApiUrl,
  generatePdf,
  sendDownlink,
  type DownlinkInput,
  type DownlinkOptions,
  type DownlinkResult,
  type OffApiOptions,
  type PdfOptions,
  type PdfPageOptions,
  type PdfResult,
  type PdfSource,
} from './off-api.ts';
export {
  createSerialResolver,
  findDeviceToken,
  getDeviceWithToken,
  type DeviceTokenRecord,
  type SerialResolver,
  type SerialResolverOptions,
} from './lookups.ts';
export {
  BASE64_MAX_BYTES,
  uploadFile,
  type BlueprintDevice,
  type UploadFileOptions,
  type UploadFileResult,
  type WidgetFileTarget,
} from './upload.ts';
export type { UploadSource } from './upload-source.ts';
export {
  DEFAULT_PART_BYTES,
  MAX_PARTS,
  MIN_PART_BYTES,
  planParts,
  TagoUploadError,
  type PartPlan,
  type RunUploadOptions,
  type UploadedPart,
  type UploadProgress,
  type UploadState,
} from './upload-plan.ts';
