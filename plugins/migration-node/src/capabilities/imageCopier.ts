/**
 * Result of a call made with `DryRun: true`: EC2 answers `DryRunOperation` when the caller has
 * the permission and `UnauthorizedOperation` when not.
 *
 * @public
 */
export interface DryRunResult {
  permitted: boolean;
  message: string;
}

/** Progress of a copy, 0–100, as EC2 reports it on the snapshots. */
export type CopyProgress = (
  percent: number,
  state: string,
) => void | Promise<void>;

/**
 * An AMI the copier made, as recorded when it was made.
 *
 * @public
 */
export interface CreatedImage {
  imageId: string;
  /**
   * Its EBS snapshots as `waitForImage` returned them. They are deleted with the image, also when
   * the image is already gone (a removal that stopped after deregistering).
   */
  snapshotIds?: string[];
}

/**
 * What one copy made, for {@link AwsImageCopier.removeCopy}.
 *
 * @public
 */
export interface CreatedCopy {
  /** The AMI `copyImage` made in the target region. */
  copy: CreatedImage;
  /**
   * The AMI `createImage` made of a source instance, in the source region. Only an image the
   * copier created belongs here — never the image a copy was made from otherwise.
   */
  intermediate?: CreatedImage;
  /**
   * The name the images were given. When set, an image that exists under another name is not
   * touched and the removal fails: the recorded id is not the image this copy made.
   */
  name?: string;
}

/**
 * One image {@link AwsImageCopier.removeCopy} took care of.
 *
 * @public
 */
export interface ImageRemoval {
  imageId: string;
  region: string;
  /** `deregistered` by this call, or `gone` when it no longer existed. */
  image: 'deregistered' | 'gone';
  /** Snapshots deleted by this call. */
  deletedSnapshots: string[];
  /** Snapshots that no longer existed. */
  goneSnapshots: string[];
}

/**
 * Copies machine images of one cloud between two regions (AWS: AMIs with their EBS snapshots).
 * Every creating call is idempotent by name or client token, so a resumed task may repeat it.
 *
 * @public
 */
export interface RegionalImageCopier {
  /** Tries the image creation without making anything (AWS `DryRun`). */
  rehearseInstanceCopy(
    instanceId: string,
    name: string,
  ): Promise<{ create: DryRunResult }>;
  /** Starts imaging an instance in the source region; returns the image id. */
  createImage(instanceId: string, name: string): Promise<string>;
  /** Waits until an image is available; returns its snapshot ids. */
  waitForImage(
    imageId: string,
    side: 'source' | 'target',
    onProgress?: CopyProgress,
    signal?: AbortSignal,
  ): Promise<string[]>;
  /** Starts copying an image to the target region; returns the copy's id. */
  copyImage(
    imageId: string,
    name: string,
    clientToken: string,
  ): Promise<string>;
  /** Removes a copy and the intermediate image it was made from; "already gone" is done. */
  removeCopy(created: CreatedCopy): Promise<ImageRemoval[]>;
}

/**
 * A cloud's image copy service.
 *
 * @public
 */
export interface ImageCopier {
  /** The copier from `sourceRegion` to `targetRegion`. */
  between(sourceRegion: string, targetRegion: string): RegionalImageCopier;
}
