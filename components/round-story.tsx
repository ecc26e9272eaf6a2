// The round's story on its public page: the account (paragraphs as typed) and the ceremony photos,
// resized server-side (srcset/sizes), with width and height so nothing shifts, loaded lazily. No client JS.
import type { PublicRoundStory } from '@/lib/round-story';

export function RoundStory({ story, heading }: { story: PublicRoundStory; heading: string }) {
  if (!story.story && story.photos.length === 0) return null;
  const paragraphs = (story.story ?? '').split(/\n\s*\n/).filter((p) => p.trim());
  return (
    <section aria-labelledby="story-heading" className="space-y-3" data-testid="round-story">
      <h2 id="story-heading" className="border-b-2 border-gold-400 pb-1 text-xl font-bold text-brand-800">
        {heading}
      </h2>
      {paragraphs.map((p, i) => (
        <p key={i} className="whitespace-pre-line text-stone-800">
          {p}
        </p>
      ))}
      {story.photos.length ? (
        <ul className="no-print grid gap-3 sm:grid-cols-2">
          {story.photos.map((ph) => (
            <li key={ph.src}>
              <figure>
                {/* eslint-disable-next-line @next/next/no-img-element -- resized on upload; next/image would need client JS and resize again */}
                <img
                  src={ph.src}
                  srcSet={ph.srcSet}
                  sizes="(min-width: 1024px) 480px, (min-width: 640px) 50vw, 100vw"
                  width={ph.width}
                  height={ph.height}
                  alt={ph.alt}
                  loading="lazy"
                  decoding="async"
                  className="h-auto w-full rounded-md bg-stone-100"
                />
              </figure>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
