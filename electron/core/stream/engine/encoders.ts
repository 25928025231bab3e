// A show's encoder processes: each started with the show's settings and its overlay as it is at that moment, the
// running ones told when the overlay's slots move (ffmpeg filter commands on stdin, see encoder-args.ts), and all
// of them stopped or killed together. Which one's output goes out is the engine's to decide (stream-engine.ts).
import { spawnFfmpeg } from '../../ffmpeg/spawn.ts';
import { encoderArgs, moveCommands, type OverlayPlaces, type Source } from './encoder-args.ts';
import { EncoderRun, type EncoderRunEvents } from './encoder-run.ts';
import type { EngineOptions } from './engine-types.ts';

export class Encoders {
  private readonly options: EngineOptions;
  private readonly events: EncoderRunEvents;
  private readonly now: () => number;
  private readonly runs = new Set<EncoderRun>();
  /** Where the overlay's slots are now: every new encoder starts with them, running ones are told (`follow`). */
  private places: OverlayPlaces | null = null;

  constructor(options: EngineOptions, events: EncoderRunEvents, now: () => number) {
    this.options = options;
    this.events = events;
    this.now = now;
  }

  /** From now until `unfollow`, the overlay's moves reach every running encoder. */
  followOverlay(): void {
    const overlay = this.options.overlay;
    if (!overlay) return;
    this.places = overlay.places();
    overlay.follow((places) => this.moveOverlay(places));
  }

  unfollowOverlay(): void {
    this.options.overlay?.follow(null);
  }

  start(source: Source): EncoderRun {
    const { options } = this;
    const overlay = options.overlay && this.places ? { shape: options.overlay.encoder, places: this.places } : null;
    const argv = encoderArgs(source, options.settings, {
      preview: Boolean(options.preview),
      overlay,
      meter: Boolean(options.onLevel),
    });
    const spawn = options.spawn ?? spawnFfmpeg;
    const run = new EncoderRun(
      spawn,
      options.ffmpegPath,
      { source, argv, commands: overlay !== null },
      this.events,
      this.now,
    );
    this.runs.add(run);
    void run.exited.then(() => this.runs.delete(run));
    return run;
  }

  /** Asks each to finish its output, killing those that do not within `graceMs`. */
  async stopAll(graceMs: number): Promise<void> {
    await Promise.all([...this.runs].map((run) => run.stop(graceMs)));
  }

  killAll(): void {
    for (const run of this.runs) run.kill();
  }

  async exited(): Promise<void> {
    await Promise.all([...this.runs].map((run) => run.exited));
  }

  /** Moves the overlay's slots in every running encoder; resolves once they have taken the new places. */
  private async moveOverlay(places: OverlayPlaces): Promise<void> {
    const lines = moveCommands(this.places ?? {}, places);
    this.places = places;
    await Promise.all([...this.runs].map((run) => run.command(lines)));
  }
}
