/**
 * Content-Security-Policy facts for `securitypolicyviolation` events (no dependencies: the
 * bridge uses them in every frame, the rules read their result).
 */

/**
 * Where each fetch directive falls back to when the policy does not name it (CSP3 §6.8.3):
 * `script-src-elem` → `script-src` → `default-src`.
 */
const FALLBACKS: Record<string, readonly string[]> = {
  'script-src-elem': ['script-src-elem', 'script-src', 'default-src'],
  'script-src-attr': ['script-src-attr', 'script-src', 'default-src'],
  'style-src-elem': ['style-src-elem', 'style-src', 'default-src'],
  'style-src-attr': ['style-src-attr', 'style-src', 'default-src'],
  'frame-src': ['frame-src', 'child-src', 'default-src'],
  'worker-src': ['worker-src', 'child-src', 'script-src', 'default-src'],
};

/** Directive names the policy text declares, lower-cased. */
function declared(policy: string): Set<string> {
  return new Set(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/)[0]?.toLowerCase() ?? '')
      .filter((name) => name !== ''),
  );
}

/**
 * The directive as the merchant wrote it in the policy that blocked the request: browsers
 * report the effective one (`script-src-elem`), which a policy with only `script-src` or
 * `default-src` does not contain. Falls back to the reported name when the policy is unknown.
 */
export function policyDirective(effective: string, policy: string): string {
  const name = effective.trim().toLowerCase();
  const inPolicy = declared(policy);
  const chain = FALLBACKS[name] ?? [name, 'default-src'];
  return chain.find((candidate) => inPolicy.has(candidate)) ?? name;
}

/** An effective directive for loading a script (`script-src`, `script-src-elem`). */
export function isScriptDirective(effective: string): boolean {
  return /^script-src(-elem)?$/i.test(effective.trim());
}
