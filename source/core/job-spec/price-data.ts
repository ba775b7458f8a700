// The built-in Vertex AI custom-training price table: list prices in USD per hour, per machine
// type and per accelerator, by region, with Spot prices where Google lists them. The app shows
// them as estimates ("list price, compute only"), never as a bill; users add or correct prices in
// their settings file (`catalog.prices`, catalog-merge.ts), and a missing entry is reported as
// "not priced", never guessed.
//
// Source: https://cloud.google.com/vertex-ai/pricing, section "Custom-trained models" (now also at
// cloud.google.com/products/gemini-enterprise-agent-platform/pricing). The stored copies of that
// page readable here (search tool, pages corpus) stop before its machine-type table, so every price
// below was confirmed from transcriptions of that table that quote it verbatim with their read date
// (three independent public repositories, read 2026-09-06, 2026-09-08 and 2026-10-07, all giving
// n1-standard-4 in Iowa (us-central1) at $0.21849885/h with no savings-plan discount). Only what
// could be confirmed that way is here: so far, us-central1 n1-standard-4; no Spot price was
// confirmed. The same machine in other regions, other machine types and every accelerator are
// left out on purpose rather than estimated from Compute Engine rates (Vertex adds its own
// management fee per SKU). The machine-readable alternative is the Cloud Billing Catalog API
// (GET https://cloudbilling.googleapis.com/v1/services/{id}/skus, `pricingInfo[].pricingExpression
// .tieredRates[].unitPrice` in units + nanos per `usageUnit` "h", `serviceRegions[]`), which a
// future `vtrain-tui prices refresh` could read with the user's credentials.
import type {CatalogSource, PriceEntry} from './catalog-types.js';

export const PRICES_SOURCE: CatalogSource = {
  source: 'https://cloud.google.com/vertex-ai/pricing (custom-trained models)',
  // The latest date the page's figures were read (see above); the page itself carries none.
  sourceDate: '2026-10-07',
  checked: '2026-12-06',
};

export const PRICES: PriceEntry[] = [
  {kind: 'machine', name: 'n1-standard-4', region: 'us-central1', usdPerHour: 0.21849885},
];
