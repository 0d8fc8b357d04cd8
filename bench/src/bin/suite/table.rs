//! The results table: one row per figure, with its baseline, ratio and target.

/// One line of the results table.
pub(crate) struct Row {
    figure: String,
    measure: String,
    value: String,
    baseline: String,
    target: String,
}

#[derive(Default)]
pub(crate) struct Table {
    rows: Vec<Row>,
}

impl Table {
    pub(crate) fn add(
        &mut self,
        figure: &str,
        measure: &str,
        value: String,
        baseline: String,
        target: String,
    ) {
        println!("  {figure} | {measure}: {value} {baseline} {target}");
        self.rows.push(Row {
            figure: figure.to_owned(),
            measure: measure.to_owned(),
            value,
            baseline,
            target,
        });
    }

    pub(crate) fn markdown(&self) -> String {
        let mut out = String::from(
            "| figure | measure | value | baseline (same run) / ratio | target |\n|---|---|---|---|---|\n",
        );
        for row in &self.rows {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                row.figure, row.measure, row.value, row.baseline, row.target
            ));
        }
        out
    }
}

pub(crate) fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "MISSED" }
}

pub(crate) fn mib(bytes: u64) -> String {
    format!("{:.0} MiB", bytes as f64 / (1024.0 * 1024.0))
}

pub(crate) fn median(mut samples: Vec<f64>) -> f64 {
    bench::median_p99(&mut samples).0
}
