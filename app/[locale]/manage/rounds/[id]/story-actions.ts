'use server';
// The round's story on its admin page: parse with zod, one lib/round-story call, expire the public pages.
// Refusals come back with the field they concern and what the user typed, so the form keeps it.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getActor } from '@/lib/actor';
import { isDomainError } from '@/lib/errors';
import { addRoundPhoto, MAX_ALT_LENGTH, MAX_STORY_LENGTH, removeRoundPhoto, setRoundStory } from '@/lib/round-story';
import type { StoryFormState } from '@/components/round-story-forms';

const id = z.coerce.number().int().positive();
const storySchema = z.object({ id, story: z.string().max(MAX_STORY_LENGTH * 2) });
const photoSchema = z.object({
  id,
  alt: z.string().trim().min(1).max(MAX_ALT_LENGTH),
  file: z.instanceof(File).refine((f) => f.size > 0),
});
const removeSchema = z.object({ id, photo: id });

function refused(e: unknown, values: Record<string, string>): StoryFormState {
  if (!isDomainError(e)) throw e;
  const field = typeof e.params.field === 'string' ? e.params.field : undefined;
  const error =
    e.code === 'invalid_input' && field === 'alt' ? 'altRequired'
    : e.code === 'invalid_input' && field === 'story' ? 'storyTooLong'
    : e.code === 'invalid_input' && field === 'photos' ? 'tooMany'
    : e.code === 'conflict' ? 'duplicate'
    : e.code === 'invalid_file' ? 'invalidFile'
    : e.code;
  return { error, field: field === 'photos' || e.code === 'invalid_file' || e.code === 'conflict' ? 'file' : field, values, at: Date.now() };
}

function published() {
  revalidatePath('/', 'layout');
}

export async function saveStory(_prev: StoryFormState, form: FormData): Promise<StoryFormState> {
  const values = { story: String(form.get('story') ?? '') };
  const d = storySchema.safeParse({ id: form.get('id'), story: values.story });
  if (!d.success) return { error: d.error.issues[0]?.path[0] === 'story' ? 'storyTooLong' : 'invalid_input', field: 'story', values, at: Date.now() };
  try {
    await setRoundStory(await getActor(), d.data.id, d.data.story);
  } catch (e) {
    return refused(e, values);
  }
  published();
  return { ok: true, values, at: Date.now() };
}

export async function uploadPhoto(_prev: StoryFormState, form: FormData): Promise<StoryFormState> {
  const values = { alt: String(form.get('alt') ?? '') };
  const d = photoSchema.safeParse({ id: form.get('id'), alt: values.alt, file: form.get('file') });
  if (!d.success) {
    const field = String(d.error.issues[0]?.path[0] ?? '');
    return { error: field === 'alt' ? 'altRequired' : field === 'file' ? 'fileRequired' : 'invalid_input', field: field === 'alt' || field === 'file' ? field : undefined, values, at: Date.now() };
  }
  try {
    await addRoundPhoto(await getActor(), d.data.id, { bytes: new Uint8Array(await d.data.file.arrayBuffer()), alt: d.data.alt });
  } catch (e) {
    return refused(e, values);
  }
  published();
  // A photo added: the next one starts from an empty description.
  return { ok: true, values: { alt: '' }, at: Date.now() };
}

export async function removePhoto(_prev: StoryFormState, form: FormData): Promise<StoryFormState> {
  const d = removeSchema.safeParse({ id: form.get('id'), photo: form.get('photo') });
  if (!d.success) return { error: 'invalid_input', at: Date.now() };
  try {
    await removeRoundPhoto(await getActor(), d.data.id, d.data.photo);
  } catch (e) {
    return refused(e, {});
  }
  published();
  return { ok: true, at: Date.now() };
}
