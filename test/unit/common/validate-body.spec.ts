import { IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { listQueryParam } from '../../../src/common/validation/list-query-param';
import { validateBody } from '../../../src/common/validation/validate-body';
import { apiErrorOf } from '../../helpers/api-error';

class ExampleDto {
  @IsString()
  @MaxLength(5)
  name!: string;

  @IsOptional()
  @IsInt()
  count?: number = 1;
}

describe('validateBody', () => {
  it('should build the DTO with its defaults and drop unknown keys', () => {
    const dto = validateBody(ExampleDto, { name: 'abc', extra: true });
    expect(dto).toBeInstanceOf(ExampleDto);
    expect({ ...dto }).toEqual({ name: 'abc', count: 1 });
  });

  it('should answer every problem in one legacy error with the chosen status', () => {
    const { status, error } = apiErrorOf(() => validateBody(ExampleDto, { name: 'too long', count: 'x' }, 422));
    expect(status).toBe(422);
    expect(error).toMatch(/name must be shorter than or equal to 5 characters/);
    expect(error).toMatch(/count must be an integer/);
  });

  it.each([null, [], 'text', 42])('should refuse a body that is not an object: %p', (body) => {
    expect(apiErrorOf(() => validateBody(ExampleDto, body))).toEqual({
      status: 400,
      error: 'The request body must be a JSON object',
    });
  });
});

describe('listQueryParam', () => {
  it('should merge repeated and comma separated values, trimmed and deduplicated', () => {
    expect(listQueryParam(['a, b', 'b', ''], 'x', /^\w+$/)).toEqual(['a', 'b']);
    expect(listQueryParam(undefined, 'x', /^\w+$/)).toEqual([]);
  });

  it('should refuse bad or too many values', () => {
    const invalid = { status: 400, error: 'Invalid x value' };
    expect(apiErrorOf(() => listQueryParam('a,b c', 'x', /^\w+$/))).toEqual(invalid);
    expect(apiErrorOf(() => listQueryParam('a,b,c', 'x', /^\w+$/, 2))).toEqual(invalid);
  });
});
