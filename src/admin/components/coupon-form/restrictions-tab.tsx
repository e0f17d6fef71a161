import {
  searchCategories,
  searchMedusaRecords,
  searchProducts,
  useCategoriesByIds,
  useMedusaRecordNames,
  useProductsByIds,
  useStoreCurrencies,
} from "../../lib/queries"
import { AmountsField } from "./amounts-field"
import { CodeField, CountField, IdPickerField, MoneyField, SelectField, SwitchField, type CouponFormBinding } from "./fields"
import { LockedNotice } from "./locked-notice"

const searchGroups = searchMedusaRecords("/admin/customer-groups", "customer_groups")
const searchChannels = searchMedusaRecords("/admin/sales-channels", "sales_channels")
const searchRegions = searchMedusaRecords("/admin/regions", "regions")
const searchProductOptions = (q: string) => searchProducts(q).then((ps) => ps.map((p) => ({ id: p.id, label: p.title })))
const searchCategoryOptions = (q: string) => searchCategories(q).then((cs) => cs.map((c) => ({ id: c.id, label: c.name })))

/**
 * Who, where and what the coupon applies to (docs/rules.md §7.2): customers,
 * products, channels, regions, shipping, amounts per currency. Advanced-plan
 * fields: disabled on the basic plan.
 */
export const RestrictionsTab = ({ form, locked }: { form: CouponFormBinding; locked: boolean }) => {
  const { values } = form
  const products = useProductsByIds(values.product_ids)
  const categories = useCategoriesByIds(values.category_ids)
  const groups = useMedusaRecordNames("/admin/customer-groups", "customer_groups", values.customer_group_ids)
  const channels = useMedusaRecordNames("/admin/sales-channels", "sales_channels", values.sales_channel_ids)
  const regions = useMedusaRecordNames("/admin/regions", "regions", values.region_ids)
  const currencies = useStoreCurrencies().data ?? []
  const shipping = values.target === "shipping"
  return (
    <>
      {locked && <LockedNotice />}
      <SwitchField form={form} name="first_order_only" label="First order only" hint="Only customers without an earlier order (guests by e-mail)." disabled={locked} />
      <IdPickerField
        form={form}
        name="product_ids"
        label="Products"
        hint="Only these products (none = every product)."
        queryKey="products"
        search={searchProductOptions}
        labels={Object.fromEntries((products.data ?? []).map((p) => [p.id, p.title]))}
        disabled={locked}
      />
      <IdPickerField
        form={form}
        name="category_ids"
        label="Categories"
        hint="Products in these categories or any of their sub-categories."
        queryKey="categories"
        search={searchCategoryOptions}
        labels={Object.fromEntries((categories.data ?? []).map((c) => [c.id, c.name]))}
        disabled={locked}
      />
      <div className="flex flex-col gap-y-6">
        <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
          <SelectField
            form={form}
            name="target"
            label="Discounts"
            options={[
              { value: "items", label: "Items" },
              { value: "shipping", label: "Shipping (100% = free shipping)" },
            ]}
            disabled={locked}
          />
          {shipping && (
            <MoneyField form={form} name="max_shipping_amount" label="Highest shipping price discounted" optional hint="A method priced above it is not discounted." disabled={locked} />
          )}
          {shipping && <CodeField form={form} name="country_codes" label="Shipping countries" optional hint="e.g. US, DE; empty = any." disabled={locked} />}
        </div>
        <CountField form={form} name="min_quantity" label="Minimum quantity" optional hint="Eligible units the cart must hold." disabled={locked} />
        <IdPickerField form={form} name="customer_group_ids" label="Customer groups" hint="Only members of these groups; guests never qualify (none = anyone)." queryKey="customer_groups" search={searchGroups} labels={groups.data ?? {}} disabled={locked} />
        <IdPickerField form={form} name="sales_channel_ids" label="Sales channels" hint="Only carts in these channels (none = every channel)." queryKey="sales_channels" search={searchChannels} labels={channels.data ?? {}} disabled={locked} />
        <IdPickerField form={form} name="region_ids" label="Regions" hint="Only carts in these regions (none = every region)." queryKey="regions" search={searchRegions} labels={regions.data ?? {}} disabled={locked} />
        <AmountsField form={form} currencies={currencies} disabled={locked} />
      </div>
    </>
  )
}
