import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The temporary file a save writes before renaming it over `location`. */
export function temporaryFileOf(location: string): string {
  return `${location}.tmp`;
}

/**
 * Writes `data` to `location` so that a crash at any moment leaves either the old file or the
 * new one, never a mix or an empty file: write a temporary file beside it, flush it to disk,
 * rename it over the old one (atomic on POSIX file systems), then flush the folder so that the
 * rename itself survives a power loss.
 */
export async function writeFileAtomically(location: string, data: Uint8Array): Promise<void> {
  const temporary = temporaryFileOf(location);
  const file = await open(temporary, 'w');
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, location);
  const folder = await open(dirname(location), 'r');
  try {
    await folder.sync();
  } catch {
    // Some file systems cannot fsync a folder; the rename is still atomic there.
  } finally {
    await folder.close();
  }
}

/**
 * Saves database snapshots to one file, one save at a time and in the order they were taken.
 * Snapshots that arrive while a save runs are coalesced: the next save writes only the latest,
 * which contains every earlier one. Each save is atomic ({@link writeFileAtomically}).
 *
 * @internal
 */
export class SnapshotFileWriter {
  private latest: Uint8Array | undefined;
  private taken = 0;
  private saved = 0;
  private running: Promise<void> | undefined;
  private lastError: unknown;

  constructor(
    /** Absolute path of the database file. */
    readonly location: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Queues `snapshot` (taken after every earlier one) and returns at once. */
  save(snapshot: Uint8Array): void {
    this.latest = snapshot;
    this.taken += 1;
    this.lastError = undefined;
    this.kick();
  }

  /**
   * Resolves once the latest snapshot is on disk; retries a failed save once and rejects with
   * its error if it fails again.
   */
  async flush(): Promise<void> {
    await this.settled();
    if (this.saved < this.taken) {
      this.lastError = undefined;
      this.kick();
      await this.settled();
      if (this.saved < this.taken) {
        throw this.lastError;
      }
    }
  }

  /** Resolves once no save is running. */
  private async settled(): Promise<void> {
    while (this.running) {
      await this.running;
    }
  }

  private kick(): void {
    if (this.running) {
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      // A snapshot queued between the loop's last check and this callback.
      if (this.lastError === undefined && this.saved < this.taken) {
        this.kick();
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.saved < this.taken && this.latest) {
      const version = this.taken;
      try {
        await writeFileAtomically(this.location, this.latest);
        this.saved = Math.max(this.saved, version);
      } catch (error) {
        // Kept unsaved: the next snapshot, or flush(), tries again.
        this.lastError = error ?? new Error('unknown error');
        this.onError(error);
        return;
      }
    }
  }
}
