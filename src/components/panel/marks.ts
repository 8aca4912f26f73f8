/** The severity marks of the popup, shared by every panel view. */
import type { Severity } from '../../model/types';

export const MARK: Record<Severity, string> = { error: '✗', warning: '!', info: 'i' };
