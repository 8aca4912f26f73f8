/** User settings kept in `storage.local` (shared by the bridge, the background and the popup). */
export const SETTINGS_KEY = 'settings';

export interface Settings {
  /** How long to watch a page after `load` before deciding rules about what never happened. */
  graceMs: number;
  /** Origins where the click test runs by itself at the end of the watch period. */
  clickTestOrigins: string[];
}

export const DEFAULT_SETTINGS: Settings = { graceMs: 3000, clickTestOrigins: [] };

/** Settings from what `storage.local.get(SETTINGS_KEY)` returned, defaults filling the gaps. */
export function settingsFrom(stored: Record<string, unknown>): Settings {
  return { ...DEFAULT_SETTINGS, ...(stored[SETTINGS_KEY] as Partial<Settings> | undefined) };
}
