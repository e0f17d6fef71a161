import bwipjs from "bwip-js"
import type { CampaignBarcodeFormat } from "../../../modules/coupon/lib/campaign"

// Plain Code 39 covers digits, capitals, space and -.$/+%; codes with other
// characters (an imported "FNA@5841", a "_") use its full-ASCII form.
const CODE_39_CHARSET = /^[0-9A-Z\-. $/+%]*$/

function symbology(format: CampaignBarcodeFormat, code: string): string {
  if (format === "QR") return "qrcode"
  if (format === "CODE_128") return "code128"
  return CODE_39_CHARSET.test(code) ? "code39" : "code39ext"
}

/** The code drawn in the campaign's barcode format, as a PNG data: URL for an <img>. */
export async function barcodeDataUrl(format: CampaignBarcodeFormat, code: string): Promise<string> {
  const png = await bwipjs.toBuffer({
    bcid: symbology(format, code),
    text: code,
    scale: 3,
    ...(format === "QR" ? {} : { height: 14 }),
    paddingwidth: 4,
    paddingheight: 4,
    backgroundcolor: "ffffff",
  })
  return `data:image/png;base64,${png.toString("base64")}`
}
