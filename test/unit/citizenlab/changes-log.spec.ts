import { recordChange } from '../../../src/modules/citizenlab/submission/changes-log';
import { applyEdit } from '../../../src/modules/citizenlab/submission/list-edit';
import { parseTestList } from '../../../src/modules/citizenlab/test-list.format';
import { fixtureLists } from '../../helpers/test-lists-repo';

const e = (url: string) => ({ url, category_code: 'NEWS', date_added: '2024-01-01', source: '', notes: '' });

describe('changes log', () => {
  it('should log an add, and drop it again when the account deletes what it added', () => {
    const added = recordChange({}, 'it', null, e('https://a.org/'));
    expect(added).toEqual({ it: [{ ...e('https://a.org/'), action: 'add' }] });
    expect(recordChange(added, 'it', e('https://a.org/'), null)).toEqual({ it: [] });
  });

  it('should log an edit of an upstream entry as a delete plus an add, and undo a delete by adding back', () => {
    const edited = recordChange({}, 'de', e('https://up.org/'), e('https://new.org/'));
    expect(edited).toEqual({
      de: [
        { ...e('https://up.org/'), action: 'delete' },
        { ...e('https://new.org/'), action: 'add' },
      ],
    });
    const deleted = recordChange({}, 'de', e('https://up.org/'), null);
    expect(recordChange(deleted, 'de', null, e('https://up.org/'))).toEqual({ de: [] });
  });

  it('should edit, delete and append rows, and refuse a stale old entry', () => {
    const rows = parseTestList(fixtureLists()['mk.csv']);
    const first = { ...rows[0] };
    const old = {
      url: first.url,
      category_code: first.category_code,
      date_added: first.date_added,
      source: first.source,
      notes: first.notes,
    };
    const replaced = applyEdit(rows, old, { ...first, notes: 'changed' });
    expect(replaced?.[0].notes).toBe('changed');
    expect(replaced).toHaveLength(rows.length);
    expect(applyEdit(rows, old, null)).toEqual(rows.slice(1));
    expect(applyEdit(rows, null, first)?.at(-1)).toEqual(first);
    expect(applyEdit(rows, { ...old, notes: 'stale' }, null)).toBeNull();
  });
});
