import type { ValidationError } from 'class-validator';
import { detailsFromPipeMessages, toValidationDetails } from './validation-details';

describe('toValidationDetails', () => {
  it('maps fields to messages and nests children, array items by index', () => {
    const errors: ValidationError[] = [
      { property: 'name', constraints: { isString: 'name must be a string' }, children: [] },
      {
        property: 'lines',
        children: [
          {
            property: '1',
            children: [
              {
                property: 'qty',
                constraints: { min: 'qty must not be less than 1' },
                children: [],
              },
            ],
          },
        ],
      },
    ];
    expect(toValidationDetails(errors)).toEqual({
      name: ['name must be a string'],
      lines: { '1': { qty: ['qty must not be less than 1'] } },
    });
  });
});

describe('detailsFromPipeMessages', () => {
  it('keys class-validator messages by their property path', () => {
    expect(
      detailsFromPipeMessages(
        [
          'name must be a string',
          'name should not be empty',
          'address.city must be a string',
          'property extra should not exist',
          'Prices must be positive',
          'an unknown value was passed to the validate function',
        ],
        'non_field_errors',
      ),
    ).toEqual({
      name: ['name must be a string', 'name should not be empty'],
      address: { city: ['address.city must be a string'] },
      extra: ['property extra should not exist'],
      // Capitalised prose and the unknown-value message concern the whole object.
      non_field_errors: [
        'Prices must be positive',
        'an unknown value was passed to the validate function',
      ],
    });
  });
});
