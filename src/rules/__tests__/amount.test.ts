import { withAmount } from './fixtures';
import { type Case, describeRules } from './table';

describeRules({
  'transaction.amount': [
    ...[99.99, '99.99', ' 12 ', 0].map(
      (amount): Case => ({ name: JSON.stringify(amount), page: withAmount(amount), expect: [] }),
    ),
    ...['$99.99', '99,99', '99.99 USD', '-5', '1e3', ''].map(
      (amount): Case => ({
        name: JSON.stringify(amount),
        page: withAmount(amount),
        expect: ['error'],
        target: { path: 'data.amount' },
      }),
    ),
    { name: 'negative number', page: withAmount(-5), expect: ['error'] },
    // Also a placeholder: reported, and filed under transaction.placeholder (engine test).
    {
      name: '"NaN" is not a number',
      page: withAmount('NaN'),
      expect: ['error'],
      causedBy: 'transaction.placeholder',
    },
    { name: 'null is schema only', page: withAmount(null), expect: [] },
  ],
  'transaction.amount-zero': [
    { name: 'paid', page: withAmount(10), expect: [] },
    ...[0, '0', '0.00'].map(
      (amount): Case => ({ name: JSON.stringify(amount), page: withAmount(amount), expect: ['warning'] }),
    ),
  ],
  'transaction.amount-cents': [
    { name: 'dollars', page: withAmount(99.99), expect: [] },
    { name: 'large with decimals', page: withAmount('1500.00'), expect: [] },
    { name: 'cents', page: withAmount(9999), expect: ['info'], message: '99.99' },
    { name: 'cents as text, unknown currency', page: withAmount('1500', null), expect: ['info'] },
    { name: 'yen', page: withAmount(9999, 'jpy'), expect: [] },
    { name: 'under 1000', page: withAmount(999), expect: [] },
  ],
  'transaction.currency': [
    { name: 'usd', page: withAmount(10, 'usd'), expect: [] },
    { name: 'absent', page: withAmount(10, null), expect: [] },
    ...['$', 'dollars', 'US'].map(
      (units): Case => ({ name: units, page: withAmount(10, units), expect: ['error'] }),
    ),
    {
      name: 'placeholder',
      page: withAmount(10, '{{ currency }}'),
      expect: ['error'],
      causedBy: 'transaction.placeholder',
    },
  ],
});
