// @ts-check
// Files in the profile's storage, kept in the store by their full name (`/reports/may.csv`) with their bytes:
// uploaded as base64 JSON or in a multipart upload (multipart-upload.mjs), listed by folder with paging, moved,
// copied, made public or private, removed (a folder with everything in it), and reached by getFile (a signed URL
// to the emulator's download route, or the MD5).
import { exampleResult, notFound, ok } from './answers.mjs';
import { fileContent, filesOf, md5Hex, relocateFile, removeFile, storeFile } from './file-store.mjs';
import { fileUrl, multipartStep } from './multipart-upload.mjs';
import { confirmation } from './resources.mjs';

/** A stored name always starts with one `/`. @param {unknown} name */
const fileName = (name) => `/${String(name ?? '').replace(/^\/+/, '')}`;

/** @param {unknown} body */
const asList = (body) => (Array.isArray(body) ? body : [body]);

/** @type {import('./answers.mjs').HandlerMap} */
export const FILE_HANDLERS = {
  uploadFiles(ctx) {
    if (!Array.isArray(ctx.body)) return multipartStep(ctx, 'files');
    for (const f of ctx.body) {
      storeFile(ctx, fileName(f.filename), Buffer.from(String(f.file ?? ''), 'base64'), { public: f.public === true });
    }
    return ok(ctx.op, confirmation(ctx));
  },
  uploadWidgetFile(ctx) {
    return multipartStep(ctx, `${ctx.pathParams.dashboardID}/${ctx.pathParams.widgetID}`);
  },
  getFile(ctx) {
    const name = fileName(ctx.pathParams.path);
    // The emulator holds one profile's storage: the profile id of the address is not checked.
    const content = fileContent(ctx, name);
    if (!content) return notFound('File not found');
    if (ctx.query.noRedirect === true && ctx.query.md5 === true) return ok(ctx.op, md5Hex(content.bytes));
    // The signed URL downloads without a token, like S3's: here the emulator's own download route.
    const signed = fileUrl(ctx, name).replace('/file/', '/__emulator/files/');
    if (ctx.query.noRedirect === true) return ok(ctx.op, signed);
    return { status: 302, body: '', raw: true, headers: { location: signed } };
  },
  listFiles(ctx) {
    const folder = fileName(ctx.query.path ?? '/').replace(/\/?$/, '/');
    const inside = [...filesOf(ctx).values()].filter((f) => f.filename.startsWith(folder));
    const here = inside.filter((f) => !f.filename.slice(folder.length).includes('/'));
    const folders = [
      ...new Set(
        inside
          .map((f) => f.filename.slice(folder.length))
          .filter((rest) => rest.includes('/'))
          .map((rest) => rest.slice(0, rest.indexOf('/'))),
      ),
    ];
    // The token is the offset of the next page; TagoIO's is opaque, so callers only ever send it back.
    const from = Number(ctx.query.pagination_token ?? 0) || 0;
    const qty = Number(ctx.query.qty ?? 300);
    const page = here.sort((a, b) => a.filename.localeCompare(b.filename)).slice(from, from + qty);
    const search = typeof ctx.query.search === 'string' ? ctx.query.search : '';
    const used = [...filesOf(ctx).values()].reduce((n, f) => n + f.size, 0);
    /** @type {Record<string, unknown>} */
    const result = {
      files: page
        .filter((f) => f.filename.includes(search))
        .map((f) => ({ ...f, filename: f.filename.slice(folder.length) })),
      folders,
      total: exampleResult(ctx.spec, ctx.op.id)?.total ?? 0,
      usage: Math.round((used / 1e6) * 100) / 100,
    };
    if (from + qty < here.length) result.pagination_token = String(from + qty);
    return ok(ctx.op, result);
  },
  deleteFiles(ctx) {
    const files = filesOf(ctx);
    for (const target of asList(ctx.body).map(fileName)) {
      const folder = `${target.replace(/\/$/, '')}/`;
      for (const name of [...files.keys()]) if (name === target || name.startsWith(folder)) removeFile(ctx, name);
    }
    return ok(ctx.op, confirmation(ctx));
  },
  moveFiles(ctx) {
    return relocate(ctx, true);
  },
  copyFiles(ctx) {
    return relocate(ctx, false);
  },
  getFilePermission(ctx) {
    const file = filesOf(ctx).get(fileName(ctx.query.file));
    return file ? ok(ctx.op, { public: file.public }) : notFound('File not found');
  },
  updateFilePermissions(ctx) {
    for (const change of asList(ctx.body)) {
      const file = filesOf(ctx).get(fileName(change?.file));
      if (file) file.public = change.public === true;
    }
    return ok(ctx.op, confirmation(ctx));
  },
};

/**
 * Moves or copies each `{from, to}`; a missing source answers 404 and changes nothing.
 * @param {import('./answers.mjs').HandlerContext} ctx
 * @param {boolean} move
 */
function relocate(ctx, move) {
  const files = filesOf(ctx);
  const pairs = asList(ctx.body).map((p) => ({ from: fileName(p?.from), to: fileName(p?.to) }));
  const missing = pairs.find((p) => !files.has(p.from));
  if (missing) return notFound('File not found');
  for (const { from, to } of pairs) relocateFile(ctx, from, to, move);
  return ok(ctx.op, confirmation(ctx));
}
