"""The PDF renderer: tagged PDF/UA-1 and PDF/A-2u kits drawn with reportlab."""
