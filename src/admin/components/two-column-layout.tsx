import type { ReactNode } from "react"

/** A detail page's columns, as Medusa draws them: the main sections, and a narrower sidebar (below them on small screens). */
export const TwoColumnLayout = ({ main, sidebar }: { main: ReactNode; sidebar: ReactNode }) => (
  <div className="flex flex-col gap-y-3 xl:flex-row xl:items-start xl:gap-x-4">
    <div className="flex w-full min-w-0 flex-col gap-y-3">{main}</div>
    <div className="flex w-full flex-col gap-y-3 xl:max-w-[400px]">{sidebar}</div>
  </div>
)
