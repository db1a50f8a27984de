//! Keepalive (K), timeout (T) and SFTPClientAlive (F) rules: what ProFTPD
//! refuses, what it reads differently from how it looks, and tuning that
//! breaks long transfers on the target platform (the profile).

pub mod bad_timeout_value;
pub mod dragonfly_keepalive_x1000;
pub mod freebsd_keepalive_off_still_probes;
pub mod illumos_keepalive_idle_not_applied;
pub mod keepalive_count_high;
pub mod keepalive_default_behind_nat;
pub mod keepalive_field_below_one;
pub mod keepalive_idle_above_nat_timeout;
pub mod keepalive_idle_above_timeout_idle;
pub mod keepalive_idle_aggressive;
pub mod keepalive_interval_below_default;
pub mod keepalive_macos_count_interval;
pub mod keepalive_metered_link_cost;
pub mod keepalive_out_of_platform_range;
pub mod keepalive_spec_before_1_3_8rc3;
pub mod keepalive_spec_ignored_openbsd;
pub mod keepalive_value_wrapped;
pub mod malformed_keepalive_spec;
pub mod no_transfer_before_idle;
pub mod reuseport_not_boolean;
pub mod sftp_behind_nat_without_client_alive;
pub mod sftp_client_alive_count_capped;
pub mod sftp_client_alive_count_zero;
pub mod sftp_client_alive_hides_timeout_idle;
pub mod sftp_client_alive_invalid;
pub mod sftp_client_alive_misread;
pub mod socket_buffer_too_small;
pub mod socket_option_trailing_text;
pub mod socket_options_odd_arguments;
pub mod timeout_idle_zero_breaks_sftp;
pub mod timeout_session_arguments;
pub mod timeout_value_misread;
pub mod timeout_value_wrapped;
pub mod unknown_socket_option;

pub(crate) mod checks;

use crate::rules::Rule;

pub use checks::check;

pub fn rules() -> Vec<&'static Rule> {
    vec![
        &socket_options_odd_arguments::RULE,
        &unknown_socket_option::RULE,
        &malformed_keepalive_spec::RULE,
        &keepalive_field_below_one::RULE,
        &socket_buffer_too_small::RULE,
        &reuseport_not_boolean::RULE,
        &keepalive_out_of_platform_range::RULE,
        &keepalive_value_wrapped::RULE,
        &socket_option_trailing_text::RULE,
        &keepalive_interval_below_default::RULE,
        &keepalive_idle_aggressive::RULE,
        &keepalive_count_high::RULE,
        &keepalive_metered_link_cost::RULE,
        &keepalive_idle_above_nat_timeout::RULE,
        &keepalive_default_behind_nat::RULE,
        &keepalive_spec_ignored_openbsd::RULE,
        &keepalive_macos_count_interval::RULE,
        &dragonfly_keepalive_x1000::RULE,
        &illumos_keepalive_idle_not_applied::RULE,
        &freebsd_keepalive_off_still_probes::RULE,
        &keepalive_spec_before_1_3_8rc3::RULE,
        &bad_timeout_value::RULE,
        &timeout_session_arguments::RULE,
        &timeout_value_misread::RULE,
        &timeout_value_wrapped::RULE,
        &keepalive_idle_above_timeout_idle::RULE,
        &no_transfer_before_idle::RULE,
        &sftp_client_alive_invalid::RULE,
        &sftp_client_alive_misread::RULE,
        &sftp_client_alive_count_zero::RULE,
        &sftp_client_alive_count_capped::RULE,
        &sftp_client_alive_hides_timeout_idle::RULE,
        &timeout_idle_zero_breaks_sftp::RULE,
        &sftp_behind_nat_without_client_alive::RULE,
    ]
}
