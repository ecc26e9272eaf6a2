// The round's story on its admin page: the account and the ceremony photos (lib/round-story.ts).
import { getTranslations } from 'next-intl/server';
import type { Actor } from '@/lib/policy';
import { getRoundStoryForAdmin, MAX_ALT_LENGTH, MAX_PHOTOS_PER_ROUND, MAX_STORY_LENGTH } from '@/lib/round-story';
import { errorMessages } from '@/components/error-messages';
import { PhotoForm, RemovePhotoForm, StoryForm } from '@/components/round-story-forms';
import { removePhoto, saveStory, uploadPhoto } from './story-actions';

export async function StorySection({ actor, roundId, published }: { actor: Actor; roundId: number; published: boolean }) {
  const { story, photos } = await getRoundStoryForAdmin(actor, roundId);
  const [t, base] = await Promise.all([getTranslations('roundStory'), errorMessages()]);
  const messages = {
    ...base,
    altRequired: t('altRequired', { max: MAX_ALT_LENGTH }),
    fileRequired: t('fileRequired'),
    invalidFile: t('invalidFile'),
    duplicate: t('duplicate'),
    tooMany: t('tooMany', { max: MAX_PHOTOS_PER_ROUND }),
    storyTooLong: t('storyTooLong', { max: MAX_STORY_LENGTH }),
  };
  return (
    <section className="card space-y-4" aria-labelledby="story-h">
      <div>
        <h2 id="story-h" className="text-lg font-semibold">{t('title')}</h2>
        <p className="text-sm text-stone-700">{t('intro')}</p>
        {published ? null : <p className="text-sm text-gold-700">{t('notPublished')}</p>}
      </div>
      <StoryForm
        action={saveStory}
        roundId={roundId}
        story={story}
        maxLength={MAX_STORY_LENGTH}
        labels={{ story: t('story'), hint: t('storyHint', { max: MAX_STORY_LENGTH }), save: t('saveStory'), saved: t('storySaved') }}
        messages={messages}
      />
      <div className="space-y-3">
        <h3 className="font-semibold">{t('photos')}</h3>
        {photos.length === 0 ? (
          <p className="text-sm text-stone-700">{t('noPhotos')}</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2" data-testid="round-photos">
            {photos.map((p) => (
              <li key={p.id} className="space-y-2">
                {/* eslint-disable-next-line @next/next/no-img-element -- already resized; next/image would resize again */}
                <img src={p.src} alt={p.alt} width={p.width} height={p.height} loading="lazy" decoding="async" className="h-auto w-full rounded-md" />
                <p className="text-sm text-stone-700">{p.alt}</p>
                <RemovePhotoForm action={removePhoto} roundId={roundId} photoId={p.id} label={t('remove')} confirmText={t('removeConfirm')} messages={messages} />
              </li>
            ))}
          </ul>
        )}
        {photos.length < MAX_PHOTOS_PER_ROUND ? (
          <PhotoForm
            action={uploadPhoto}
            roundId={roundId}
            maxLength={MAX_ALT_LENGTH}
            labels={{ photo: t('photo'), alt: t('alt'), altHint: t('altHint', { max: MAX_ALT_LENGTH }), upload: t('upload'), uploaded: t('uploaded') }}
            messages={messages}
          />
        ) : (
          <p className="text-sm text-stone-700">{t('tooMany', { max: MAX_PHOTOS_PER_ROUND })}</p>
        )}
      </div>
    </section>
  );
}
