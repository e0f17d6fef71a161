/** What the demo store holds (see ../seed-demo.ts): names, categories, products, coupons. */
export const DEMO = {
  currency: "usd",
  country: "us",
  regionName: "United States",
  salesChannelName: "Coupon Demo Store",
  apiKeyTitle: "Coupon Demo Storefront",
  stockLocationName: "Coupon Demo Warehouse",
  fulfillmentSetName: "Coupon Demo Warehouse delivery",
  serviceZoneName: "United States",
  shippingProfileName: "Default Shipping Profile",
  shippingOptionName: "Standard Shipping",
  saleTitle: "Coupon Demo Sale",
  adminEmail: "admin@coupons.local",
  adminPassword: "coupons-admin",
}

/** Categories by handle; children name their parent's handle. */
export const CATEGORIES: { handle: string; name: string; parent?: string }[] = [
  { handle: "apparel", name: "Apparel" },
  { handle: "t-shirts", name: "T-Shirts", parent: "apparel" },
  { handle: "hoodies", name: "Hoodies", parent: "apparel" },
  { handle: "home", name: "Home" },
  { handle: "mugs", name: "Mugs", parent: "home" },
  { handle: "posters", name: "Posters", parent: "home" },
  { handle: "digital", name: "Digital" },
]

export type DemoProduct = {
  handle: string
  title: string
  description: string
  category: string
  /** USD, major units, per variant (all variants share the price). */
  price: number
  /** A sale price list prices it at this (USD, major units). */
  sale_price?: number
  option: { title: string; values: string[] }
  sku: string
  /** "pod" (print-on-demand), "virtual" or "supplier"; unset for stock items. */
  kind?: "pod" | "virtual" | "supplier"
  discountable?: boolean
}

export const PRODUCTS: DemoProduct[] = [
  {
    handle: "classic-logo-tee",
    title: "Classic Logo Tee",
    description: "Soft cotton tee with the store logo on the chest.",
    category: "t-shirts",
    price: 25,
    option: { title: "Size", values: ["S", "M", "L", "XL"] },
    sku: "TEE-LOGO",
  },
  {
    handle: "vintage-wash-tee",
    title: "Vintage Wash Tee",
    description: "Garment-dyed tee with a lived-in feel.",
    category: "t-shirts",
    price: 30,
    option: { title: "Size", values: ["S", "M", "L"] },
    sku: "TEE-VINTAGE",
  },
  {
    handle: "custom-print-tee",
    title: "Custom Print Tee",
    description: "Printed on demand with your own artwork; ships in 3-5 days.",
    category: "t-shirts",
    price: 35,
    option: { title: "Size", values: ["S", "M", "L", "XL"] },
    sku: "TEE-POD",
    kind: "pod",
  },
  {
    handle: "everyday-hoodie",
    title: "Everyday Hoodie",
    description: "Brushed fleece pullover hoodie. On sale!",
    category: "hoodies",
    price: 60,
    sale_price: 45,
    option: { title: "Size", values: ["S", "M", "L", "XL"] },
    sku: "HOODIE-EVERYDAY",
  },
  {
    handle: "zip-hoodie",
    title: "Zip Hoodie",
    description: "Heavyweight full-zip hoodie.",
    category: "hoodies",
    price: 75,
    option: { title: "Size", values: ["M", "L", "XL"] },
    sku: "HOODIE-ZIP",
  },
  {
    handle: "canvas-tote-bag",
    title: "Canvas Tote Bag",
    description: "Sturdy organic canvas tote.",
    category: "apparel",
    price: 18,
    option: { title: "Color", values: ["Natural", "Black"] },
    sku: "TOTE",
  },
  {
    handle: "ceramic-coffee-mug",
    title: "Ceramic Coffee Mug",
    description: "Glazed stoneware mug, dishwasher safe.",
    category: "mugs",
    price: 15,
    option: { title: "Size", values: ["11 oz", "15 oz"] },
    sku: "MUG-CERAMIC",
  },
  {
    handle: "insulated-travel-mug",
    title: "Insulated Travel Mug",
    description: "Double-wall steel travel mug, shipped directly by our supplier.",
    category: "mugs",
    price: 28,
    option: { title: "Color", values: ["Steel", "Matte Black"] },
    sku: "MUG-TRAVEL",
    kind: "supplier",
  },
  {
    handle: "mountain-poster",
    title: "Mountain Poster",
    description: "Matte art print of an alpine ridge at dawn.",
    category: "posters",
    price: 20,
    option: { title: "Size", values: ["A3", "A2"] },
    sku: "POSTER-MOUNTAIN",
  },
  {
    handle: "city-skyline-poster",
    title: "City Skyline Poster",
    description: "Night skyline art print.",
    category: "posters",
    price: 22,
    option: { title: "Size", values: ["A3", "A2"] },
    sku: "POSTER-SKYLINE",
  },
  {
    handle: "desk-plant-pot",
    title: "Desk Plant Pot",
    description: "Small terracotta pot with a drainage tray.",
    category: "home",
    price: 12,
    option: { title: "Size", values: ["Small"] },
    sku: "POT",
  },
  {
    handle: "digital-wallpaper-pack",
    title: "Digital Wallpaper Pack",
    description: "Twelve desktop and phone wallpapers, delivered as a download.",
    category: "digital",
    price: 5,
    option: { title: "Format", values: ["Download"] },
    sku: "WALLPAPER-PACK",
    kind: "virtual",
  },
]

/** Major units, as the coupon workflow expects. */
export const COUPONS = [
  {
    code: "WELCOME10",
    title: "Welcome 10% off",
    description: "10% off your first order of $50 or more (up to $20).",
    type: "percentage" as const,
    percentage: 10,
    max_discount: 20,
    min_spend: 50,
    currency_code: "usd",
  },
  {
    code: "SAVE25",
    title: "Save $25",
    description: "$25 off orders of $100 or more.",
    type: "fixed" as const,
    amount: 25,
    min_spend: 100,
    currency_code: "usd",
  },
]
