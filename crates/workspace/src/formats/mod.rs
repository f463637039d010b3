//! Every format CareScore writes, each versioned, read through a migration chain and kept
//! honest by committed fixtures of every version released.

pub mod form_file;
pub mod review_file;
pub mod saved_state;
