'use client';
import { useId, useState, type FormEvent } from 'react';
import type { AlertView } from '@/lib/api/alert-schemas';
import { useCreateSilence } from '@/lib/api/client/hooks';
import { SILENCE_DURATIONS, silenceMatchFor, silenceMatchText } from './alert-text';

/** Silences exactly one alert's rule and subject for a chosen time; closes once the API took it. */
export function SilenceForm({ alert, onClose }: { alert: AlertView; onClose: () => void }) {
  const id = useId();
  const [minutes, setMinutes] = useState<number>(SILENCE_DURATIONS[0].minutes);
  const [comment, setComment] = useState('');
  const create = useCreateSilence(alert.subject.cluster);
  const match = silenceMatchFor(alert);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ match, durationMinutes: minutes, comment: comment.trim() }, { onSuccess: onClose });
  }

  return (
    <form className="silence-form" aria-label={`Silence ${alert.rule}`} onSubmit={submit}>
      <p className="muted">
        Mutes notifications for <strong>{silenceMatchText(match)}</strong>; the alert stays listed.
      </p>
      <fieldset>
        <legend>Silence for</legend>
        {SILENCE_DURATIONS.map((d) => (
          <label key={d.minutes}>
            <input
              type="radio"
              name={`${id}-duration`}
              value={d.minutes}
              checked={minutes === d.minutes}
              onChange={() => setMinutes(d.minutes)}
            />
            {d.label}
          </label>
        ))}
      </fieldset>
      <label className="silence-comment">
        Comment (optional)
        <input type="text" maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      <div className="silence-form-actions">
        <button type="submit" className="alert-button alert-button-primary" disabled={create.isPending}>
          {create.isPending ? 'Silencing…' : 'Silence'}
        </button>
        <button type="button" className="alert-button" onClick={onClose}>
          Cancel
        </button>
      </div>
      {create.error ? (
        <p className="error" role="alert">
          Could not silence: {create.error.message}
        </p>
      ) : null}
    </form>
  );
}
