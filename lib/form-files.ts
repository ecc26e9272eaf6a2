// Files from a form's multiple file field (`files[]`): an empty field sends one empty, nameless file.
import { z } from 'zod';

export const filesField = z.array(z.instanceof(File)).max(20).optional();

export async function pickedFiles(files: File[] | undefined): Promise<Array<{ name: string; bytes: Uint8Array }>> {
  // An empty field arrives as one empty file (its name varies by browser): files without bytes are no files.
  const real = (files ?? []).filter((f) => f.size > 0);
  return Promise.all(real.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}
