import type { MedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import busboy from "busboy"
import { createWriteStream } from "node:fs"
import { mkdtemp, rm } from "node:fs/promises"
import os from "node:os"
import path from "node:path"
import { pipeline } from "node:stream/promises"
import { importTooLargeMessage, MAX_IMPORT_BYTES } from "../../../../../modules/coupon/lib/code-import"

export type SavedUpload = { path: string; remove: () => Promise<void> }

const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)

/**
 * Streams the multipart field `file` of the request to a temporary file, so
 * memory does not grow with the upload and the import can stream it from
 * disk. Past MAX_IMPORT_BYTES busboy stops writing and the rest of the body
 * is read and dropped (answering before would cut the upload off and the
 * client would see a reset instead of the 400). The caller removes the file.
 */
export async function saveCsvUpload(req: MedusaRequest): Promise<SavedUpload> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "coupon-codes-"))
  const upload = { path: path.join(dir, "codes.csv"), remove: () => rm(dir, { recursive: true, force: true }) }
  try {
    await receive(req, upload.path)
    return upload
  } catch (error) {
    await upload.remove()
    throw error
  }
}

function receive(req: MedusaRequest, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy
    try {
      // busboy reports "limit" on reaching fileSize, so one byte more than
      // allowed is the first size that is refused.
      parser = busboy({ headers: req.headers, limits: { fileSize: MAX_IMPORT_BYTES + 1, files: 1, fields: 20 } })
    } catch (error) {
      return reject(invalid(`The upload is not a valid multipart form: ${(error as Error).message}.`))
    }
    let saving: Promise<void> | null = null
    let tooLarge = false
    parser.on("file", (field, file) => {
      if (field !== "file" || saving) {
        file.resume()
        return
      }
      file.on("limit", () => {
        tooLarge = true
      })
      saving = pipeline(file, createWriteStream(target))
    })
    parser.on("error", (error) => reject(invalid(`The upload is not a valid multipart form: ${(error as Error).message}.`)))
    parser.on("close", () => {
      if (!saving) return reject(invalid("Send the CSV file in a multipart form field named file."))
      saving.then(() => (tooLarge ? reject(invalid(importTooLargeMessage())) : resolve()), reject)
    })
    req.on("error", reject)
    req.pipe(parser)
  })
}
