/** The package version, inlined by the build. */
declare const FAS_VERSION: string;
