/**
 * File procedures (specification 000, "Files"): list a folder, read one chunk, the three steps of
 * a chunked upload that the dashboard drives (progress per chunk, resume, overwrite question), and
 * the commands that open a stream through the gateway's file relay. The streamed download and the
 * whole-file uploads are custom routes over these (file-routes.ts). All operator: reading or
 * writing files on endpoints is not a viewer's right (docs/compat.md).
 */
import {
  downloadChunkInput,
  downloadChunkOutput,
  downloadStreamInput,
  downloadStreamOutput,
  fileListInput,
  fileListOutput,
  uploadChunkInput,
  uploadChunkOutput,
  uploadFinishInput,
  uploadFinishOutput,
  uploadStartInput,
  uploadStartOutput,
  uploadStreamInput,
  uploadStreamOutput,
} from "../contracts/files";
import { finishUpload, listFiles, openDownloadStream, readFileChunk, sendUploadChunk, startUpload, startUploadStream } from "../services/files";
import { agentProcedure, router } from "../trpc";

const TAG = "Files";

export const filesRouter = router({
  list: agentProcedure("operator")
    .meta({ summary: "A folder's entries (file-list); the roots (/, or the drive letters) for an empty path", tag: TAG, routes: { spec000: { method: "GET", path: "/files/{agentId}/list" } } })
    .input(fileListInput)
    .output(fileListOutput)
    .query(({ ctx, input }) => listFiles(ctx.service, ctx.agent.id, input.path)),
  readChunk: agentProcedure("operator")
    .meta({ summary: "One chunk of a file (download-file), with its SHA-256", tag: TAG })
    .input(downloadChunkInput)
    .output(downloadChunkOutput)
    .query(({ ctx, input }) => readFileChunk(ctx.service, { agentId: ctx.agent.id, path: input.path, offset: input.offset })),
  openDownloadStream: agentProcedure("operator")
    .meta({ summary: "Open a file for a download through the gateway's file relay (file-stream-download): its size and date; the bytes follow on the relay", tag: TAG })
    .input(downloadStreamInput)
    .output(downloadStreamOutput)
    .mutation(({ ctx, input }) => openDownloadStream(ctx.service, { agentId: ctx.agent.id, path: input.path })),
  uploadStream: agentProcedure("operator")
    .meta({ summary: "Continue an upload with the bytes of a file relay transfer (file-stream-upload) instead of chunks", tag: TAG })
    .input(uploadStreamInput)
    .output(uploadStreamOutput)
    .mutation(({ ctx, input }) => startUploadStream(ctx.service, { ...input, agentId: ctx.agent.id })),
  uploadStart: agentProcedure("operator")
    .meta({ summary: "Start or resume an upload (upload-file-start): how many bytes the agent already has; 409 when the file exists and overwrite is false", tag: TAG })
    .input(uploadStartInput)
    .output(uploadStartOutput)
    .mutation(({ ctx, input }) => startUpload(ctx.service, { ...input, agentId: ctx.agent.id })),
  uploadChunk: agentProcedure("operator")
    .meta({ summary: "One 256 KiB chunk of an upload (upload-file-chunk); refused with the expected offset when out of order", tag: TAG })
    .input(uploadChunkInput)
    .output(uploadChunkOutput)
    .mutation(({ ctx, input }) => sendUploadChunk(ctx.service, { ...input, agentId: ctx.agent.id })),
  uploadFinish: agentProcedure("operator")
    .meta({ summary: "End an upload (upload-file-end): the agent checks the SHA-256 and renames the file into place", tag: TAG })
    .input(uploadFinishInput)
    .output(uploadFinishOutput)
    .mutation(({ ctx, input }) => finishUpload(ctx.service, { ...input, agentId: ctx.agent.id })),
});
