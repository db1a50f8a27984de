//! The lossless syntax tree of a ProFTPD config file.
