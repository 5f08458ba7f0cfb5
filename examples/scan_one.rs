//! The smallest use of the library: scan one card, print its vCard.
//!
//! cargo run --example scan_one -- fixtures/sample-card.png

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: scan_one IMAGE")?;
    let mut scanner = cardscan::Scanner::new(&cardscan::ScanParams::default())?;
    let contact = scanner.scan_file(path.as_ref())?;
    print!(
        "{}",
        cardscan::output::vcard::to_vcard(&contact, cardscan::output::vcard::Version::V3)
    );
    Ok(())
}
