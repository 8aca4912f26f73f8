/** The locale redirect the redirect tests follow: `/locale-redirect/?aff=TEST` → `/locale-redirect/en/`. */
export const T0 = 1_700_000_000_000;
export const ORIGIN = 'http://127.0.0.1:8080';
export const ASKED = `${ORIGIN}/locale-redirect/?aff=TEST`;
export const EN = `${ORIGIN}/locale-redirect/en/`;
