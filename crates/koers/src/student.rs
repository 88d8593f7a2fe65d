//! The quantiles of Student's t distribution that the interval of a mean needs: 0.975
//! (method version 2) and 1 − 0.05/4 = 0.9875 (version 3, Bonferroni over two axes).
//!
//! Computed, not tabled, so that any group size gets an exact figure: the t distribution
//! function is written with the regularized incomplete beta function (a continued
//! fraction, as in Numerical Recipes §6.4) and inverted by bisection. Accurate to far
//! better than the one decimal that koers prints.

/// The 97.5 % quantile of Student's t distribution with `df` degrees of freedom: the
/// factor by which a standard error widens into a two-sided 95 % interval. `df` ≥ 1.
#[cfg(test)]
pub(crate) fn t_975(df: usize) -> f64 {
    t_quantile(0.975, df)
}

/// The `p` quantile (p in (0.5, 1)) of Student's t distribution with `df` ≥ 1 degrees of
/// freedom, exact for every `df` to far better than koers prints.
pub(crate) fn t_quantile(p: f64, df: usize) -> f64 {
    quantile(p, df.max(1) as f64)
}

/// The `p` quantile (p in (0.5, 1)) of the t distribution with `df` degrees of freedom.
fn quantile(p: f64, df: f64) -> f64 {
    // The distribution function rises from 0.5 at t = 0; double the upper end until it
    // passes p, then halve the bracket. 200 halvings reach the limit of f64.
    let (mut low, mut high) = (0.0_f64, 1.0_f64);
    while cdf(high, df) < p {
        high *= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (low + high);
        if mid == low || mid == high {
            break;
        }
        if cdf(mid, df) < p {
            low = mid;
        } else {
            high = mid;
        }
    }
    0.5 * (low + high)
}

/// P(T ≤ t) for t ≥ 0.
fn cdf(t: f64, df: f64) -> f64 {
    1.0 - 0.5 * incomplete_beta(df / (df + t * t), df / 2.0, 0.5)
}

/// The regularized incomplete beta function I_x(a, b).
fn incomplete_beta(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let front =
        (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()).exp();
    // The continued fraction converges fast for x below the mean; use the symmetry
    // I_x(a, b) = 1 − I_{1−x}(b, a) above it.
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_fraction(x, a, b) / a
    } else {
        1.0 - front * beta_fraction(1.0 - x, b, a) / b
    }
}

/// The continued fraction of the incomplete beta function, by the modified Lentz method.
fn beta_fraction(x: f64, a: f64, b: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let mut c = 1.0;
    let mut d = 1.0 - (a + b) * x / (a + 1.0);
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..=300 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        for numerator in [
            m * (b - m) * x / ((a + m2 - 1.0) * (a + m2)),
            -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0)),
        ] {
            d = 1.0 + numerator * d;
            if d.abs() < TINY {
                d = TINY;
            }
            c = 1.0 + numerator / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            h *= d * c;
        }
        if (d * c - 1.0).abs() < 1e-15 {
            break;
        }
    }
    h
}

/// ln Γ(x) for x > 0, by the Lanczos approximation (g = 7, n = 9).
fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const COEFFICIENTS: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x)Γ(1 − x) = π / sin(πx).
        return (std::f64::consts::PI / (std::f64::consts::PI * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let t = x + G + 0.5;
    let sum = COEFFICIENTS[1..]
        .iter()
        .enumerate()
        .fold(COEFFICIENTS[0], |sum, (i, c)| {
            sum + c / (x + i as f64 + 1.0)
        });
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

#[cfg(test)]
mod tests {
    use super::{t_975, t_quantile};

    #[test]
    fn the_bonferroni_quantile_matches_the_printed_tables() {
        // t(1 − 0.05/4, df): df 1 has the closed form tan(0.4875π) = 25.4517.
        for (df, expected) in [
            (1, 25.4517),
            (2, 6.2053),
            (3, 4.1765),
            (5, 3.1634),
            (10, 2.6338),
            (30, 2.3596),
        ] {
            let t = t_quantile(0.9875, df);
            assert!((t - expected).abs() < 5e-4, "df {df}: {t} vs {expected}");
        }
        let closed = (0.4875 * std::f64::consts::PI).tan();
        assert!((t_quantile(0.9875, 1) - closed).abs() < 1e-9);
        // Towards the normal quantile z(0.9875) = 2.2414.
        assert!((t_quantile(0.9875, 100_000) - 2.2414).abs() < 1e-3);
    }

    #[test]
    fn matches_the_printed_tables() {
        // Two-sided 95 % critical values, as printed in every statistics textbook; the
        // first two also have closed forms: tan(0.475π) and 0.95·√(2/0.0975).
        let table = [
            (1, 12.7062),
            (2, 4.3027),
            (3, 3.1824),
            (4, 2.7764),
            (5, 2.5706),
            (9, 2.2622),
            (12, 2.1788),
            (29, 2.0452),
            (60, 2.0003),
            (120, 1.9799),
        ];
        for (df, expected) in table {
            let t = t_975(df);
            assert!((t - expected).abs() < 5e-5, "df {df}: {t} vs {expected}");
        }
    }

    #[test]
    fn closes_in_on_the_normal_quantile() {
        assert!((t_975(100_000) - 1.95996).abs() < 1e-4);
        assert!(t_975(10) > t_975(11));
    }
}
