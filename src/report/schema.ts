/**
 * The JSON report of `partnero-inspector check --json` (documented in README, "Check your site"). Every object
 * is loose: the contract lets keys be added over time, so a consumer validating an older
 * or newer report must not reject unknown keys.
 */
import { z } from 'zod';
import { RULE_IDS } from '../model/types';
import { CHECK_STATUSES, CHECKLIST_IDS } from './checklist';

const RuleIdSchema = z.enum(RULE_IDS);
const SeveritySchema = z.enum(['error', 'warning', 'info']);
const CountSchema = z.int().nonnegative();
/** ms since navigation start, as the page reported it. */
const AtSchema = z.number();

/** A finding as reported: the rule id, its severity in this situation, a human message. */
export const FindingReportSchema = z.looseObject({
  rule: RuleIdSchema,
  severity: SeveritySchema,
  message: z.string(),
  target: z
    .looseObject({
      selector: z.string().optional(),
      href: z.string().optional(),
      frame: z.string().optional(),
      call: CountSchema.optional(),
      path: z.string().optional(),
    })
    .optional(),
  causedBy: RuleIdSchema.optional(),
  /**
   * An added key: the index, in this page's `findings`, of the root finding that `causedBy`
   * names (a page may have several findings of that rule).
   */
  causeIndex: CountSchema.optional(),
  fix: z.string().optional(),
  /** An added key: true when the finding says "not verified yet" (nothing could prove it). */
  unverified: z.literal(true).optional(),
  /** An added key: the rule's section of the catalog, `docs/rules.md#<rule>` from the package root. */
  docs: z.string().optional(),
});

/** A Payment Link or Stripe embed found on the page. */
export const LinkReportSchema = z.looseObject({
  /** null for embeds (`<stripe-buy-button>`, `<stripe-pricing-table>`). */
  href: z.string().nullable(),
  frame: z.string(),
  clientReferenceId: z.string().nullable(),
  /** Absent: never clicked; null: clicked and still without an id. */
  afterClick: z.string().nullable().optional(),
  kind: z.enum(['payment-link', 'buy-button', 'pricing-table']),
  /** An added key: present (true) when the link is inside a shadow root. */
  inShadowRoot: z.literal(true).optional(),
});

/** One checklist row as the report carries it (an added key; the popup's rows plus no findings). */
export const ChecklistRowSchema = z.looseObject({
  id: z.enum(CHECKLIST_IDS),
  label: z.string(),
  status: z.enum(CHECK_STATUSES),
  detail: z.string(),
});

/** Everything observed on one visited page. */
export const PageReportSchema = z.looseObject({
  /** As requested (with the referral parameter when `--aff` added it). */
  url: z.string(),
  finalUrl: z.string(),
  /** HTTP status of the page's document as the check loaded it (an added key). */
  status: z.number().int().optional(),
  /**
   * Added keys: the page moved the tab itself during its watch (a script or meta redirect).
   * `movedTo` on the page it left (its findings are as it was left), `navigatedFrom` on the
   * page it went to, which gets its own watch and verdict.
   */
  movedTo: z.string().optional(),
  navigatedFrom: z.string().optional(),
  /** An added key: the config file's journey this page belongs to (absent: a journey of URLs). */
  journey: z.string().optional(),
  /** An added key: events the page made the inspector drop at a cap (absent: none). */
  dropped: CountSchema.optional(),
  queueName: z.string().nullable(),
  programIds: z.array(z.string()),
  cookie: z.looseObject({ partnero_partner: z.string() }).nullable(),
  calls: z.array(z.looseObject({ args: z.array(z.json()), at: AtSchema })),
  transactions: z.array(
    z.looseObject({
      payload: z.json(),
      at: AtSchema,
      /** An added key: a request to Partnero's transactions endpoint was seen carrying it. */
      sent: z.boolean().optional(),
      /** An added key: the frame that made the call, when not the page itself (`top`). */
      frame: z.string().optional(),
    }),
  ),
  links: z.array(LinkReportSchema),
  requests: z.array(z.looseObject({ url: z.string(), status: z.int().optional() })),
  findings: z.array(FindingReportSchema),
  checklist: z.array(ChecklistRowSchema).optional(),
});

/**
 * An added key: how long the check took. `journeyMs` runs from opening the journey's tab to
 * the last page's findings (each page: load, `--wait`, click test); `browserStartMs` is the
 * browser's start with the extension, before the journey.
 */
export const ReportTimingSchema = z.looseObject({
  browserStartMs: z.number().nonnegative(),
  journeyMs: z.number().nonnegative(),
});

/** The whole report printed by `--json`. */
export const ReportSchema = z.looseObject({
  tool: z.literal('partnero-inspector'),
  version: z.string(),
  browser: z.string(),
  startedAt: z.iso.datetime(),
  summary: z.looseObject({ errors: CountSchema, warnings: CountSchema, infos: CountSchema }),
  pages: z.array(PageReportSchema),
  timing: ReportTimingSchema.optional(),
});

export type FindingReport = z.infer<typeof FindingReportSchema>;
export type LinkReport = z.infer<typeof LinkReportSchema>;
export type ChecklistRow = z.infer<typeof ChecklistRowSchema>;
export type PageReport = z.infer<typeof PageReportSchema>;
export type Report = z.infer<typeof ReportSchema>;
export type ReportTiming = z.infer<typeof ReportTimingSchema>;
