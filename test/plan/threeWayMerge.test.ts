import { describe, expect, it } from 'vitest';
import { diff3Merge, gitMergeFile, type Merger } from '../../src/plan/threeWayMerge.js';

const base = 'one\ntwo\nthree\nfour\nfive\n';

// Both implementations must agree on what users see: the same result and markers.
describe.each([
  ['git merge-file', gitMergeFile],
  ['node-diff3', diff3Merge],
] as [string, Merger][])('%s', (_, merge) => {
  it('takes edits on both sides when they touch different lines', async () => {
    const ours = 'one\nTWO (mine)\nthree\nfour\nfive\n';
    const theirs = 'one\ntwo\nthree\nfour\nfive\nsix\n';
    expect(await merge(ours, base, theirs)).toEqual({ text: 'one\nTWO (mine)\nthree\nfour\nfive\nsix\n', conflicts: 0 });
  });

  it('is clean when both sides made the same change', async () => {
    const both = 'one\ntwo\n3\nfour\nfive\n';
    expect(await merge(both, base, both)).toEqual({ text: both, conflicts: 0 });
  });

  it('marks a line both sides changed differently with git-style markers', async () => {
    const ours = 'one\ntwo\nmine\nfour\nfive\n';
    const theirs = 'one\ntwo\ntheirs\nfour\nfive\n';
    const r = await merge(ours, base, theirs);
    expect(r.conflicts).toBe(1);
    expect(r.text).toBe('one\ntwo\n<<<<<<< ours\nmine\n=======\ntheirs\n>>>>>>> theirs\nfour\nfive\n');
  });

  it('counts each conflicting hunk', async () => {
    // Far enough apart that git does not join them into one hunk.
    const long = Array.from({ length: 12 }, (_, i) => `line ${i}\n`);
    const edit = (first: string, last: string) => [first, ...long.slice(1, -1), last].join('');
    expect((await merge(edit('mine\n', 'mine too\n'), long.join(''), edit('theirs\n', 'theirs too\n'))).conflicts).toBe(2);
  });

  it('treats a missing base as empty: two different new files conflict as a whole', async () => {
    const r = await merge('mine\n', '', 'theirs\n');
    expect(r.conflicts).toBe(1);
    expect(r.text).toContain('<<<<<<< ours\nmine\n=======\ntheirs\n>>>>>>> theirs\n');
  });
});
