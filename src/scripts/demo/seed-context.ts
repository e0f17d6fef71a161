import type { MedusaContainer } from "@medusajs/framework/types"

/** What every `ensure…` step of the demo seed gets: the container, and `note` to log what it created. */
export type SeedContext = {
  container: MedusaContainer
  note: (what: string) => void
}
