/*
 * The Codes tab of a coupon: generate (codes-generate.tsx), import (codes-import.tsx)
 * and the searchable code list (codes-table.tsx).
 */
import { CodesTable } from "./codes-table"
import { GenerateCodes } from "./codes-generate"
import { ImportCodes } from "./codes-import"

/** The Codes tab: generate a batch (with its progress), import a CSV, and the list of codes. */
export const CodesSection = ({ couponId }: { couponId: string }) => (
  <div className="flex flex-col gap-y-3">
    <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
      <GenerateCodes couponId={couponId} />
      <ImportCodes couponId={couponId} />
    </div>
    <CodesTable couponId={couponId} />
  </div>
)
